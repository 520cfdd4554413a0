using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Batching;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>
/// A <c>--batch-api</c> run's provider batches reaching the display: looked at every progress interval on the fake
/// clock, reported when changed, and once more at the end. Without the Batch API nothing is looked at or reported.
/// </summary>
public sealed class BatchEngineProviderBatchesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeTopicWork _work = new();
    private readonly RecordingRunObserver _observer = new();
    private volatile BatchProgress _batches = new(0, 0, 0, 0, 0m, 0m);

    [Fact]
    public async Task RunAsync_BatchesChange_ReportsEachChangeAtTheNextLookAndNothingWhenUnchanged()
    {
        var run = RunAsync(Plan(1), withBatches: true);
        await _work.WaitStartedAsync("t1");

        _batches = new BatchProgress(1, 1, 0, 0, 0m, 0m, RequestsInBatches: 5, RequestsWaiting: 2);
        _time.Advance(Interval);
        await _observer.WaitForAsync("provider batches 1 submitted 1 running 5 in them 2 waiting");

        _time.Advance(Interval); // unchanged: nothing to report
        _batches = _batches with { Submitted = 2, InProgress = 2, RequestsInBatches = 7, RequestsWaiting = 0 };
        _time.Advance(Interval);
        await _observer.WaitForAsync("provider batches 2 submitted 2 running 7 in them 0 waiting");

        _work.Complete("t1");
        await run;

        Assert.Equal(
            ["provider batches 1 submitted 1 running 5 in them 2 waiting", "provider batches 2 submitted 2 running 7 in them 0 waiting"],
            _observer.Lines.Where(l => l.StartsWith("provider batches", StringComparison.Ordinal)));
        Assert.Equal(_batches, _observer.LastProgress!.Batches);
    }

    [Fact]
    public async Task RunAsync_BatchesChangedSinceTheLastLook_ReportsTheEndStateWhenTheRunEnds()
    {
        var run = RunAsync(Plan(1), withBatches: true);
        await _work.WaitStartedAsync("t1");

        // Stopped between two looks, with two batches still at the provider: the last line says so.
        _batches = new BatchProgress(2, 2, 0, 0, 0m, 0m, RequestsInBatches: 40, RequestsWaiting: 0);
        _work.Complete("t1");
        await run;

        Assert.Equal("provider batches 2 submitted 2 running 40 in them 0 waiting", _observer.Lines[^1]);
    }

    [Fact]
    public async Task RunAsync_ProgressOfATopic_CarriesTheLatestBatches()
    {
        var run = RunAsync(Plan(2), withBatches: true);
        await _work.WaitStartedAsync("t1", "t2");
        _batches = new BatchProgress(1, 1, 0, 0, 0m, 0m, RequestsInBatches: 2, RequestsWaiting: 0);
        _time.Advance(Interval);
        await _observer.WaitForAsync("provider batches 1 submitted 1 running 2 in them 0 waiting");

        _work.Complete("t1");
        await _observer.WaitForAsync("finished t1 Completed");

        Assert.Equal(_batches, _observer.LastProgress!.Batches);
        _work.Complete("t2");
        await run;
    }

    [Fact]
    public async Task RunAsync_WithoutTheBatchApi_ReportsNoBatches()
    {
        var run = RunAsync(Plan(1), withBatches: false);
        await _work.WaitStartedAsync("t1");
        _batches = new BatchProgress(1, 1, 0, 0, 0m, 0m);
        _time.Advance(Interval);
        _work.Complete("t1");
        await run;

        Assert.DoesNotContain(_observer.Lines, l => l.StartsWith("provider batches", StringComparison.Ordinal));
        Assert.Null(_observer.LastProgress!.Batches);
    }

    [Fact]
    public void RunOptions_ProgressIntervalNotPositive_IsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new RunOptions(RunVariant.FlashcardsWeb, "run-1", "worker-1", progressInterval: TimeSpan.Zero));
        Assert.Equal("progressInterval", error.ParamName);
    }

    private Task<RunSummary> RunAsync(RunPlan plan, bool withBatches) =>
        new BatchEngine(_work, _time, [], withBatches ? () => _batches : null)
            .RunAsync(plan, new RunOptions(RunVariant.FlashcardsWeb, "run-1", "worker-1", 10, 10, TimeSpan.Zero, progressInterval: Interval), _observer, 0m, default, default)
            .WaitAsync(FakeTopicWork.Deadline);

    private static RunPlan Plan(int topics) => new([.. Enumerable.Range(1, topics).Select(i => $"t{i}")], 0, 0, 0, []);
}
