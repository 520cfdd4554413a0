using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class ProviderSimulatorSearchTests
{
    [Fact]
    public async Task Search_WithText_HasExaShapeAndNullsEveryThird()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search("SQL injection prevention", 6));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        var root = doc.RootElement;
        Assert.Equal(32, root.GetProperty("requestId").GetString()!.Length);
        Assert.Equal("neural", root.GetProperty("resolvedSearchType").GetString());
        Assert.True(root.GetProperty("searchTime").GetDouble() >= 0);
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(6, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var url = r.GetProperty("url").GetString();
            Assert.Equal($"https://sim.example/sql-injection-prevention/{i}", url);
            Assert.Equal(url, r.GetProperty("id").GetString());
            Assert.Equal(i % 3 == 2, r.GetProperty("title").ValueKind == JsonValueKind.Null);
            Assert.Equal(i % 3 == 1, r.GetProperty("publishedDate").ValueKind == JsonValueKind.Null);
            Assert.Equal(i % 3 == 0, r.GetProperty("author").ValueKind == JsonValueKind.Null);
            if (i % 3 != 1)
            {
                Assert.True(DateTimeOffset.TryParse(r.GetProperty("publishedDate").GetString(), out _));
            }

            Assert.InRange(r.GetProperty("score").GetDouble(), 0.01, 1);
            var text = r.GetProperty("text").GetString()!;
            Assert.Contains("injection", text, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(r.GetProperty("highlights").GetArrayLength(), r.GetProperty("highlightScores").GetArrayLength());
            Assert.NotEmpty(r.GetProperty("highlights").EnumerateArray());
        }

        var cost = root.GetProperty("costDollars");
        Assert.Equal(0.007m, cost.GetProperty("total").GetDecimal());
        Assert.Equal(0.007m, cost.GetProperty("search").GetProperty("neural").GetDecimal());
        Assert.True(cost.GetProperty("contents").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Search_WithoutContents_OmitsTextAndDefaultsToTenResults()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search(numResults: null, text: false));

        using var doc = await SimHttp.JsonAsync(response);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(10, results.Count);
        Assert.All(results, r => Assert.False(r.TryGetProperty("text", out _)));
    }

    [Fact]
    public async Task Search_SameQueryAndSeed_SameResults()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { Seed = 5 }, CancellationToken.None);
        using var client = SimHttp.Client();

        var first = await ResultsAsync(client, sim, "buffer overflow");
        var second = await ResultsAsync(client, sim, "buffer overflow");
        var other = await ResultsAsync(client, sim, "race condition");

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Search_MissingKey_Returns401InvalidApiKey()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search(), key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        Assert.Equal("Invalid API key", doc.RootElement.GetProperty("error").GetString());
        Assert.Equal("INVALID_API_KEY", doc.RootElement.GetProperty("tag").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task Search_BearerKey_Accepted()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, sim.ExaBaseUri + "search")
        {
            Content = new StringContent(SimHttp.Search().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "exa-key");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Search_MissingQuery_Returns400InvalidRequestBody()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostSearchAsync(client, sim, new System.Text.Json.Nodes.JsonObject { ["numResults"] = 3 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        Assert.Equal("INVALID_REQUEST_BODY", doc.RootElement.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Search_ExaQps_BurstOfTwiceQps_ExactlyQpsSucceed()
    {
        // A frozen clock makes the 1-second window exact regardless of machine speed.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { ExaQps = 3 }, time, CancellationToken.None);
        using var client = SimHttp.Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => SimHttp.PostSearchAsync(client, sim, SimHttp.Search("q" + i))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(3, limited.Count);
        foreach (var response in limited)
        {
            Assert.True(response.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
            using var doc = await SimHttp.JsonAsync(response);
            Assert.Equal("RATE_LIMIT_EXCEEDED", doc.RootElement.GetProperty("tag").GetString());
        }

        time.Advance(TimeSpan.FromSeconds(1));
        using var afterWindow = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search());
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        var stats = sim.GetStats();
        Assert.Equal(6, stats.PeakRequestsPerSecond[SimEndpoints.Search]);
        Assert.Equal(3, stats.PeakAcceptedPerSecond[SimEndpoints.Search]);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ChatCompletions_ChatRps_ExcessGetsOpenRouter429()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { ChatRps = 2 }, time, CancellationToken.None);
        using var client = SimHttp.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat(null, "hi"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                using var doc = await SimHttp.JsonAsync(response);
                Assert.Equal(429, doc.RootElement.GetProperty("error").GetProperty("code").GetInt32());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<string> ResultsAsync(HttpClient client, ProviderSimulator sim, string query)
    {
        using var response = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search(query));
        using var doc = await SimHttp.JsonAsync(response);
        return doc.RootElement.GetProperty("results").GetRawText();
    }
}
