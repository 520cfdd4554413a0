using System.Net;
using System.Text.Json;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class ProviderSimulatorFaultTests
{
    [Theory]
    [InlineData("429", 429)]
    [InlineData("500", 500)]
    [InlineData("502", 502)]
    [InlineData("503", 503)]
    [InlineData("401", 401)]
    [InlineData("402", 402)]
    [InlineData("403", 403)]
    public async Task ChatCompletions_StatusFault_ReturnsOpenRouterErrorBody(string kind, int status)
    {
        await using var sim = await StartWithAsync(kind);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());

        Assert.Equal(status, (int)response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(status is 429 or 503, response.Headers.RetryAfter is not null);
        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
        }

        if (status == 402)
        {
            Assert.Equal("openrouter_credits", error.GetProperty("metadata").GetProperty("limit_source").GetString());
        }

        if (status == 403)
        {
            Assert.NotEmpty(error.GetProperty("metadata").GetProperty("reasons").EnumerateArray());
            Assert.Equal("deepseek/deepseek-chat", error.GetProperty("metadata").GetProperty("model_slug").GetString());
        }

        Assert.Equal(1, sim.GetStats().CountOf(SimEndpoints.Chat, status));
    }

    [Theory]
    [InlineData("429", 429, "RATE_LIMIT_EXCEEDED")]
    [InlineData("401", 401, "INVALID_API_KEY")]
    [InlineData("402", 402, "NO_MORE_CREDITS")]
    [InlineData("503", 503, "SERVICE_OVERLOADED")]
    [InlineData("bad-json", 500, "INTERNAL_ERROR")]
    [InlineData("error200", 500, "INTERNAL_ERROR")]
    public async Task Search_Fault_ReturnsExaErrorBody(string kind, int status, string tag)
    {
        await using var sim = await StartWithAsync(kind);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search());

        Assert.Equal(status, (int)response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        Assert.Equal(tag, doc.RootElement.GetProperty("tag").GetString());
        Assert.Equal(32, doc.RootElement.GetProperty("requestId").GetString()!.Length);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task ChatCompletions_BadJsonFault_StopWithUnparseableContent()
    {
        await using var sim = await StartWithAsync("bad-json");
        using var client = SimHttp.Client();

        var (finish, content) = await FinishAndContentAsync(client, sim);

        Assert.Equal("stop", finish);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(content!).Dispose());
    }

    [Fact]
    public async Task ChatCompletions_TruncatedFault_LengthWithCutJson()
    {
        await using var sim = await StartWithAsync("truncated");
        using var client = SimHttp.Client();

        var (finish, content) = await FinishAndContentAsync(client, sim);

        Assert.Equal("length", finish);
        Assert.StartsWith("{\"cards\":[", content, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(content!).Dispose());
    }

    [Fact]
    public async Task ChatCompletions_SchemaFault_ValidJsonWrongShape()
    {
        await using var sim = await StartWithAsync("schema");
        using var client = SimHttp.Client();

        var (finish, content) = await FinishAndContentAsync(client, sim);

        Assert.Equal("stop", finish);
        using var doc = JsonDocument.Parse(content!);
        Assert.False(doc.RootElement.TryGetProperty("cards", out _));
    }

    [Fact]
    public async Task ChatCompletions_Error200Fault_Http200WithChoiceError()
    {
        await using var sim = await StartWithAsync("error200");
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal("error", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(string.Empty, choice.GetProperty("message").GetProperty("content").GetString());
        var error = choice.GetProperty("error");
        Assert.Equal(502, error.GetProperty("code").GetInt32());
        Assert.Equal("provider_unavailable", error.GetProperty("metadata").GetProperty("error_type").GetString());
        Assert.True(error.GetProperty("metadata").TryGetProperty("provider_code", out _));
    }

    [Fact]
    public async Task ChatCompletions_TimeoutFault_NeverAnswersAndCountsStatusZero()
    {
        await using var sim = await StartWithAsync("timeout");
        using var client = SimHttp.Client(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<TaskCanceledException>(() => SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards()));

        await sim.DisposeAsync();
        var stats = sim.GetStats();
        Assert.Equal(1, stats.CountOf(SimEndpoints.Chat, 0));
        Assert.Equal(1, stats.Requests[SimEndpoints.Chat]);
    }

    [Fact]
    public async Task Search_TimeoutFault_ReleasedWhenSimulatorStops()
    {
        var sim = await StartWithAsync("timeout");
        using var client = SimHttp.Client(TimeSpan.FromSeconds(30));
        var pending = SimHttp.PostSearchAsync(client, sim, SimHttp.Search());
        await Poll.UntilAsync(() => sim.GetStats().RequestsTo(SimEndpoints.Search) == 1, TimeSpan.FromSeconds(30), "the search request's arrival");

        await sim.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
        Assert.Equal(1, sim.GetStats().CountOf(SimEndpoints.Search, 0));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ResetFault_DropsConnectionAndCountsMinusOne(bool chat)
    {
        await using var sim = await StartWithAsync("reset");
        using var client = SimHttp.Client();

        await Assert.ThrowsAsync<HttpRequestException>(() => chat
            ? SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards())
            : SimHttp.PostSearchAsync(client, sim, SimHttp.Search()));

        await Poll.UntilAsync(() => sim.GetStats().CountOf(chat ? SimEndpoints.Chat : SimEndpoints.Search, -1) == 1, TimeSpan.FromSeconds(30), "the aborted connection counted");
    }

    [Fact]
    public async Task ChatCompletions_PartialFaultRate_MixesFaultsAndAnswersDeterministically()
    {
        static async Task<List<int>> StatusesAsync()
        {
            var options = new SimulatorOptions { Faults = FaultSpec.Parse("500=0.5"), Seed = 3 };
            await using var sim = await ProviderSimulator.StartAsync(options, CancellationToken.None);
            using var client = SimHttp.Client();
            var statuses = new List<int>();
            for (var i = 0; i < 12; i++)
            {
                using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat(null, "hello"));
                statuses.Add((int)response.StatusCode);
            }

            return statuses;
        }

        var first = await StatusesAsync();
        var second = await StatusesAsync();

        Assert.Equal(first, second);
        Assert.Contains(200, first);
        Assert.Contains(500, first);
    }

    private static Task<ProviderSimulator> StartWithAsync(string kind) =>
        ProviderSimulator.StartAsync(new SimulatorOptions { Faults = FaultSpec.Parse(kind + "=1") }, CancellationToken.None);

    private static async Task<(string? Finish, string? Content)> FinishAndContentAsync(HttpClient client, ProviderSimulator sim)
    {
        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        var choice = doc.RootElement.GetProperty("choices")[0];
        return (choice.GetProperty("finish_reason").GetString(), choice.GetProperty("message").GetProperty("content").GetString());
    }
}
