using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class StatsCollectorTests
{
    [Fact]
    public void LatenciesInArrivalOrder_RequestsFinishOutOfOrder_ListsThemByArrivalPerEndpoint()
    {
        var time = new FakeTimeProvider();
        var stats = new StatsCollector(time);

        var first = stats.Arrive(SimEndpoints.Chat);
        time.Advance(TimeSpan.FromMilliseconds(10));
        var second = stats.Arrive(SimEndpoints.Chat);
        var search = stats.Arrive(SimEndpoints.Search);
        time.Advance(TimeSpan.FromMilliseconds(5));
        stats.Finish(SimEndpoints.Chat, 200, second);
        stats.Finish(SimEndpoints.Search, 429, search);
        time.Advance(TimeSpan.FromMilliseconds(20));
        stats.Finish(SimEndpoints.Chat, 200, first);
        var dropped = stats.Arrive(SimEndpoints.Chat);
        stats.Finish(SimEndpoints.Chat, 0, dropped);

        var latencies = stats.LatenciesInArrivalOrder();

        Assert.Equal([35.0, 5.0], latencies[SimEndpoints.Chat]);
        Assert.Equal([5.0], latencies[SimEndpoints.Search]);
        Assert.Equal(20.0, stats.Snapshot().MeanLatencyMs[SimEndpoints.Chat]);
    }

    [Fact]
    public void ArrivalOffsets_RequestsFinishOutOfOrder_MillisecondsAfterTheFirstArrivalPerEndpoint()
    {
        var time = new FakeTimeProvider();
        var stats = new StatsCollector(time);
        time.Advance(TimeSpan.FromSeconds(3));

        var first = stats.Arrive(SimEndpoints.Chat);
        time.Advance(TimeSpan.FromMilliseconds(10));
        var search = stats.Arrive(SimEndpoints.Search);
        var dropped = stats.Arrive(SimEndpoints.Chat);
        time.Advance(TimeSpan.FromMilliseconds(15));
        var third = stats.Arrive(SimEndpoints.Chat);
        stats.Finish(SimEndpoints.Chat, 200, third);
        stats.Finish(SimEndpoints.Chat, 0, dropped);
        stats.Finish(SimEndpoints.Search, 200, search);
        time.Advance(TimeSpan.FromMilliseconds(40));
        stats.Finish(SimEndpoints.Chat, 429, first);

        var arrivals = stats.ArrivalOffsets();

        Assert.Equal([0.0, 25.0], arrivals[SimEndpoints.Chat]);
        Assert.Equal([0.0], arrivals[SimEndpoints.Search]);
    }

    [Fact]
    public void Reset_AfterAnswers_ForgetsTheirLatencies()
    {
        var time = new FakeTimeProvider();
        var stats = new StatsCollector(time);
        var arrival = stats.Arrive(SimEndpoints.Chat);
        time.Advance(TimeSpan.FromMilliseconds(3));
        stats.Finish(SimEndpoints.Chat, 200, arrival);

        stats.Reset();

        Assert.Empty(stats.LatenciesInArrivalOrder());
    }
}
