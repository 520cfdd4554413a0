using System.Net;
using System.Text.Json;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class ProviderSimulatorStatsTests
{
    [Fact]
    public async Task GetStats_AfterMixedTraffic_CountsEverything()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript("bad-json", 1, SchemaName: "flashcards"));

        using var malformed = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        using var cards = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        using var draft = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat("prompt_draft", SimHttp.TopicBlock()));
        using var web = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(title: "Stored XSS", sources: false, web: true));
        using var unauthorized = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(), key: null);
        using var search = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search("SQL injection prevention"));
        using var unrelated = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search("heap spraying"));

        var stats = sim.GetStats();
        Assert.Equal(5, stats.RequestsTo(SimEndpoints.Chat));
        Assert.Equal(2, stats.RequestsTo(SimEndpoints.Search));
        Assert.Equal(4, stats.CountOf(SimEndpoints.Chat, 200));
        Assert.Equal(1, stats.CountOf(SimEndpoints.Chat, 401));
        Assert.Equal(2, stats.CountOf(SimEndpoints.Search, 200));
        Assert.Equal(3, stats.ChatRequestsBySchema["flashcards"]);
        Assert.Equal(1, stats.ChatRequestsBySchema["prompt_draft"]);
        Assert.Equal(1, stats.WebPluginRequests);
        Assert.Equal(new TopicStats(1, 1, 0, 1, 0, 1), stats.Topic(SimHttp.Title));
        Assert.Equal(new TopicStats(1, 0, 0, 0, 1, 0), stats.Topic("Stored XSS"));
        Assert.Equal(1, stats.Topic("heap spraying").Searches);
        Assert.Equal(TopicStats.Empty, stats.Topic("never seen"));
        Assert.True(stats.PeakConcurrency >= 1);
        Assert.True(stats.MeanLatencyMs[SimEndpoints.Chat] > 0);

        var billed = 0m;
        foreach (var response in new[] { malformed, cards, draft, web })
        {
            using var doc = await SimHttp.JsonAsync(response);
            billed += doc.RootElement.GetProperty("usage").GetProperty("cost").GetDecimal();
        }

        Assert.Equal(billed + 0.014m, stats.TotalCost);
    }

    [Fact]
    public async Task GetStats_HangingRequests_PeakConcurrencyAndStatusZero()
    {
        var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client(TimeSpan.FromSeconds(30));
        sim.AddScript(new SimScript("timeout", 3));

        var pending = Enumerable.Range(0, 3).Select(_ => SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards())).ToList();
        await Poll.UntilAsync(() => sim.GetStats().RequestsTo(SimEndpoints.Chat) == 3, TimeSpan.FromSeconds(30), "three chat requests' arrival");
        await sim.DisposeAsync();

        foreach (var request in pending)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => request);
        }

        var stats = sim.GetStats();
        Assert.Equal(3, stats.PeakConcurrency);
        Assert.Equal(3, stats.PeakConcurrencyByEndpoint[SimEndpoints.Chat]);
        Assert.Equal(3, stats.CountOf(SimEndpoints.Chat, 0));
        Assert.False(stats.MeanLatencyMs.ContainsKey(SimEndpoints.Chat));
    }

    [Fact]
    public async Task StatsEndpoints_ServeSnakeCaseJsonAndReset()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        using var cards = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());

        using var before = JsonDocument.Parse(await client.GetStringAsync(new Uri(sim.BaseUri, "_sim/stats")));
        using var reset = await client.PostAsync(new Uri(sim.BaseUri, "_sim/reset"), null);
        using var after = JsonDocument.Parse(await client.GetStringAsync(new Uri(sim.BaseUri, "_sim/stats")));

        Assert.Equal(1, before.RootElement.GetProperty("requests").GetProperty("chat").GetInt64());
        Assert.Equal(1, before.RootElement.GetProperty("status_counts").GetProperty("chat").GetProperty("200").GetInt64());
        Assert.Equal(1, before.RootElement.GetProperty("topics").GetProperty(SimHttp.Title).GetProperty("flashcards").GetInt32());
        Assert.True(before.RootElement.GetProperty("total_cost").GetDecimal() > 0);
        Assert.True(reset.IsSuccessStatusCode);
        Assert.Empty(after.RootElement.GetProperty("requests").EnumerateObject());
        Assert.Equal(0m, after.RootElement.GetProperty("total_cost").GetDecimal());
    }

    [Fact]
    public async Task GetLatenciesAndArrivals_AfterAnswers_ServeOneValuePerAnsweredRequest()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { LatencyMs = 2, LatencySigma = 0 }, CancellationToken.None);
        using var client = SimHttp.Client();
        using var cards = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        using var more = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        using var search = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search());

        using var served = JsonDocument.Parse(await client.GetStringAsync(new Uri(sim.BaseUri, "_sim/latencies")));

        // Timers fire on a millisecond tick, so a 2 ms delay can measure a little under 2 ms: no lower bound but zero.
        var chat = served.RootElement.GetProperty("chat").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(2, chat.Count);
        Assert.All(chat, ms => Assert.True(ms > 0, $"{ms} ms recorded for an answered request"));
        Assert.Equal(1, served.RootElement.GetProperty("search").GetArrayLength());
        Assert.Equal(chat, sim.GetLatencies()[SimEndpoints.Chat]);
        Assert.Equal(sim.GetStats().MeanLatencyMs[SimEndpoints.Chat], chat.Average(), 9);

        // The second chat request was sent after the first one's answer, so it arrived at least that latency later.
        using var arrivals = JsonDocument.Parse(await client.GetStringAsync(new Uri(sim.BaseUri, "_sim/arrivals")));
        var chatArrivals = arrivals.RootElement.GetProperty("chat").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(0, chatArrivals[0]);
        Assert.True(chatArrivals[1] >= chat[0], $"the second request arrived {chatArrivals[1]} ms after the first, which took {chat[0]} ms");
        Assert.Equal([0.0], arrivals.RootElement.GetProperty("search").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(chatArrivals, sim.GetArrivals()[SimEndpoints.Chat]);
    }

    [Fact]
    public async Task ResetStats_ClearsCounters()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        using var search = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search());
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);

        sim.ResetStats();

        var stats = sim.GetStats();
        Assert.Equal(0, stats.RequestsTo(SimEndpoints.Search));
        Assert.Empty(stats.Topics);
        Assert.Equal(0m, stats.TotalCost);
    }
}
