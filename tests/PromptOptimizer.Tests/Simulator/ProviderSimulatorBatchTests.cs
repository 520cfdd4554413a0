using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class ProviderSimulatorBatchTests
{
    [Fact]
    public async Task Stats_SameCustomIdAndBodyInTwoBatches_CountTwiceUntilReset()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.Zero }, CancellationToken.None);
        using var client = SimHttp.Client();
        var line = Line("t1-generate-a1", SimHttp.Flashcards());

        var first = await SubmitAsync(client, sim, Batch(line));
        var second = await SubmitAsync(client, sim, Batch(line.DeepClone().AsObject(), Line("t2-generate-a1", SimHttp.Flashcards(title: "Stored XSS"))));
        using var done1 = await GetAsync(client, sim, first);
        using var done2 = await GetAsync(client, sim, second);

        var stats = sim.GetStats().Batches;
        Assert.Equal(new BatchStats(2, 3, 2, 2), stats);
        using var json = await SimHttp.JsonAsync(await client.GetAsync(sim.BaseUri + "_sim/stats"));
        var batches = json.RootElement.GetProperty("batches");
        Assert.Equal(2, batches.GetProperty("submitted").GetInt64());
        Assert.Equal(3, batches.GetProperty("requests").GetInt64());
        Assert.Equal(2, batches.GetProperty("max_submissions_per_custom_id").GetInt32());
        Assert.Equal(2, batches.GetProperty("max_charged_per_body").GetInt32());
        using var reset = await client.PostAsync(sim.BaseUri + "_sim/reset", null);
        Assert.Equal(BatchStats.Empty, sim.GetStats().Batches);
    }

    [Fact]
    public async Task Processing_AnswersAtHalfThePrice_CountedInTotalCostAndTopics()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.Zero }, CancellationToken.None);
        using var client = SimHttp.Client();
        using var sync = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        using var syncBody = await SimHttp.JsonAsync(sync);
        var syncCost = syncBody.RootElement.GetProperty("usage").GetProperty("cost").GetDecimal();
        sim.ResetStats();

        var id = await SubmitAsync(client, sim, Batch(Line("t1", SimHttp.Flashcards())));
        using var done = await GetAsync(client, sim, id);

        var root = done.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        var result = root.GetProperty("results")[0];
        Assert.Equal("t1", result.GetProperty("custom_id").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal(200, result.GetProperty("response").GetProperty("status_code").GetInt32());
        var cost = result.GetProperty("response").GetProperty("body").GetProperty("usage").GetProperty("cost").GetDecimal();
        Assert.Equal(syncCost / 2, cost);
        Assert.Equal(cost, root.GetProperty("usage").GetProperty("cost").GetDecimal());
        var stats = sim.GetStats();
        Assert.Equal(cost, stats.TotalCost);
        Assert.Equal(cost, stats.CostByEndpoint[SimEndpoints.Batch]);
        Assert.Equal(1, stats.Topic(SimHttp.Title).Flashcards);
        Assert.Equal(1, stats.ChatRequestsBySchema["flashcards"]);
        Assert.Equal(0, stats.RequestsTo(SimEndpoints.Chat));
        Assert.Equal(1, stats.CountOf(SimEndpoints.Batch, 202));
    }

    [Fact]
    public async Task Latency_ValidatingThenInProgressThenCompleted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.FromMinutes(10) }, time, CancellationToken.None);
        using var client = SimHttp.Client();
        var id = await SubmitAsync(client, sim, Batch(Line("t1", SimHttp.Flashcards())));

        var statuses = new List<string?>();
        foreach (var minutes in new[] { 0, 6, 4 })
        {
            time.Advance(TimeSpan.FromMinutes(minutes));
            using var doc = await GetAsync(client, sim, id);
            statuses.Add(doc.RootElement.GetProperty("status").GetString());
        }

        Assert.Equal(["validating", "in_progress", "completed"], statuses);
    }

    [Fact]
    public async Task Results_BeforeTheBatchFinished_409()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.FromHours(1) }, CancellationToken.None);
        using var client = SimHttp.Client();
        var id = await SubmitAsync(client, sim, Batch(Line("t1", SimHttp.Flashcards())));

        using var results = await SendAsync(client, HttpMethod.Get, sim.OpenRouterBaseUri + "/batches/" + id + "/results");
        using var delete = await SendAsync(client, HttpMethod.Delete, sim.OpenRouterBaseUri + "/batches/" + id);

        Assert.Equal(HttpStatusCode.Conflict, results.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
    }

    [Theory]
    [InlineData("{\"model\":\"m\",\"requests\":[{\"custom_id\":\"a\",\"body\":{}}]}", "endpoint")]
    [InlineData("{\"endpoint\":\"/v1/chat/completions\",\"requests\":[{\"custom_id\":\"a\",\"body\":{}}]}", "model")]
    [InlineData("{\"endpoint\":\"/v1/chat/completions\",\"model\":\"m\",\"requests\":[]}", "requests")]
    [InlineData("{\"endpoint\":\"/v1/chat/completions\",\"model\":\"m\",\"metadata\":{\"a\":1},\"requests\":[{\"custom_id\":\"a\",\"body\":{}}]}", "metadata")]
    public async Task Submit_MalformedEnvelope_400NamingTheField(string body, string field)
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SendAsync(client, HttpMethod.Post, sim.OpenRouterBaseUri + "/batches", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        Assert.Contains(field, doc.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_DuplicateCustomIdInside_AcceptedThenFailedAtValidation()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.Zero }, CancellationToken.None);
        using var client = SimHttp.Client();

        var id = await SubmitAsync(client, sim, Batch(Line("same", SimHttp.Flashcards()), Line("same", SimHttp.Flashcards(title: "Other"))));
        using var done = await GetAsync(client, sim, id);

        Assert.Equal("failed", done.RootElement.GetProperty("status").GetString());
        Assert.Contains("same", done.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0m, sim.GetStats().TotalCost);
    }

    [Fact]
    public async Task Script_WholeBatchKind_OnlyTheSubmissionHoldingTheTopic()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.Zero }, CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript("batch-expired", 1, TopicContains: "Stored XSS", Endpoint: SimEndpoints.Batch));

        using var chat = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(title: "Stored XSS"));
        var other = await SubmitAsync(client, sim, Batch(Line("a", SimHttp.Flashcards())));
        var holding = await SubmitAsync(client, sim, Batch(Line("b", SimHttp.Flashcards(title: "Stored XSS")), Line("c", SimHttp.Flashcards())));
        using var otherDone = await GetAsync(client, sim, other);
        using var holdingDone = await GetAsync(client, sim, holding);

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal("completed", otherDone.RootElement.GetProperty("status").GetString());
        Assert.Equal("expired", holdingDone.RootElement.GetProperty("status").GetString());
        var lines = holdingDone.RootElement.GetProperty("results");
        Assert.Equal(200, lines[0].GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal("batch_expired", lines[1].GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(0, sim.PendingScripts);
    }

    [Fact]
    public async Task Stats_SameBodyAfterAFailedGenerationAndA400_ChargedOnceForTheAnswerItDelivered()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.Zero }, CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript(SimKinds.Error200, 1, Endpoint: SimEndpoints.Chat));
        sim.AddScript(new SimScript(SimKinds.BadRequest, 1, Endpoint: SimEndpoints.Chat));

        var failedMidway = await SubmitAsync(client, sim, Batch(Line("a", SimHttp.Flashcards())));
        using var first = await GetAsync(client, sim, failedMidway);
        var refused = await SubmitAsync(client, sim, Batch(Line("a-r1", SimHttp.Flashcards())));
        using var second = await GetAsync(client, sim, refused);
        var answered = await SubmitAsync(client, sim, Batch(Line("a-r2", SimHttp.Flashcards())));
        using var third = await GetAsync(client, sim, answered);

        var error = first.RootElement.GetProperty("results")[0].GetProperty("response").GetProperty("body").GetProperty("choices")[0];
        Assert.Equal("error", error.GetProperty("finish_reason").GetString());
        var badRequest = second.RootElement.GetProperty("results")[0].GetProperty("response");
        Assert.Equal(400, badRequest.GetProperty("status_code").GetInt32());
        Assert.Contains("maximum context length", badRequest.GetProperty("body").GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, third.RootElement.GetProperty("results")[0].GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal(new BatchStats(3, 3, 1, 1), sim.GetStats().Batches);
    }

    private static JsonObject Line(string customId, JsonObject body) => new() { ["custom_id"] = customId, ["body"] = body };

    private static JsonObject Batch(params JsonObject[] lines) => new()
    {
        ["endpoint"] = "/v1/chat/completions",
        ["model"] = "deepseek/deepseek-chat",
        ["requests"] = new JsonArray(lines.Cast<JsonNode>().ToArray()),
    };

    private static async Task<string> SubmitAsync(HttpClient client, ProviderSimulator sim, JsonObject batch)
    {
        using var response = await SendAsync(client, HttpMethod.Post, sim.OpenRouterBaseUri + "/batches", batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        Assert.Equal("validating", doc.RootElement.GetProperty("status").GetString());
        return doc.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonDocument> GetAsync(HttpClient client, ProviderSimulator sim, string id)
    {
        using var response = await SendAsync(client, HttpMethod.Get, sim.OpenRouterBaseUri + "/batches/" + id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimHttp.JsonAsync(response);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string uri, string? body = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}
