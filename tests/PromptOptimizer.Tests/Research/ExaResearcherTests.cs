using System.Net;
using PromptOptimizer.Providers;
using PromptOptimizer.Research;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Generation;
using PromptOptimizer.Tests.Providers;

namespace PromptOptimizer.Tests.Research;

public sealed class ExaResearcherTests
{
    [Fact]
    public async Task ResearchAsync_Simulator_OneSearchWithEffectiveQueryGivingNumberedSources()
    {
        await using var stack = await SimStack.StartAsync();
        var researcher = new ExaResearcher(stack.Provider, 3);
        var topic = GenStack.Topic();
        var observer = new RecordingObserver();

        var result = await researcher.ResearchAsync(topic, observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(["S1", "S2", "S3"], result.Value!.Select(s => s.Id));
        var sources = result.Value!;
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Excerpt)));
        Assert.Equal(sources.Count, sources.Select(s => s.Url).Distinct().Count());
        var stats = stack.Simulator.GetStats();
        Assert.Equal(1, stats.SearchesByQuery[topic.EffectiveSearchQuery]);
        var attempt = Assert.Single(observer.Attempts);
        Assert.Equal("research", attempt.Stage);
        Assert.Contains("\"numResults\":3", attempt.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResearchAsync_SearchFails_ErrorNamesResearch()
    {
        await using var stack = await SimStack.StartAsync(SimStack.FastRetries(maxRetries: 1));
        stack.Simulator.AddScript(new SimScript("500", 2, Endpoint: "search"));

        var result = await new ExaResearcher(stack.Provider, 3).ResearchAsync(GenStack.Topic(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ErrorKind.Transient, result.Error!.Kind);
        Assert.True(result.Error.IsTransient);
        Assert.StartsWith("research: exa 500", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResearchAsync_NoResults_TransientFailure()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.OK, """{"results":[{"title":"no url"}],"costDollars":{"total":0.005}}"""));
        var researcher = new ExaResearcher(SimStack.WithHandler(handler), 5);

        var result = await researcher.ResearchAsync(GenStack.Topic(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ErrorKind.Transient, result.Error!.Kind);
        Assert.Contains("no results", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }
}
