using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>
/// The batch engine on a fake clock with topics that end when the test says: what starts when, and how runs stop.
/// Every wait is on an engine event; time moves only when a test advances it.
/// </summary>
public sealed class BatchEngineTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeTopicWork _work = new();
    private readonly RecordingRunObserver _observer = new();

    [Fact]
    public async Task RunAsync_Rolling_StartsTheNextTopicTheMomentASlotFrees()
    {
        var run = RunAsync(Plan(4), Options(concurrency: 2, batchSize: 2));
        await _work.WaitStartedAsync("t1", "t2");
        Assert.False(_work.HasStarted("t3"));

        _work.Complete("t1");

        // Batch 2's first topic takes the freed slot while batch 1's t2 is still running.
        await _work.WaitStartedAsync("t3");
        Assert.Equal(2, _work.StartOf("t3").Batch);
        Assert.False(_work.StartOf("t2").Abort.IsCancellationRequested);
        Assert.False(_work.HasStarted("t4"));

        _work.Complete("t2");
        await _work.WaitStartedAsync("t4");
        _work.Complete("t3");
        _work.Complete("t4");
        var summary = await run;

        Assert.Equal(["t1", "t2", "t3", "t4"], _work.Started);
        Assert.Equal(4, summary.Completed);
        Assert.Equal(StopReason.None, summary.StopReason);
    }

    [Fact]
    public async Task RunAsync_StrictBatches_WaitsForTheSlowestTopicThenTheDelay()
    {
        var run = RunAsync(Plan(4), Options(concurrency: 2, batchSize: 2, delay: TimeSpan.FromSeconds(10), strict: true));
        await _work.WaitStartedAsync("t1", "t2");

        _time.Advance(TimeSpan.FromSeconds(3));
        _work.Complete("t1");
        await _observer.WaitForAsync("finished t1 Completed");
        Assert.False(_work.HasStarted("t3"));

        // The slowest topic of batch 1 ends at 5 s; the delay counts from there.
        _time.Advance(TimeSpan.FromSeconds(2));
        _work.Complete("t2");
        await _observer.WaitForAsync("waiting 00:00:10");
        _time.Advance(TimeSpan.FromSeconds(10) - Tick);
        Assert.False(_work.HasStarted("t3"));

        _time.Advance(Tick);
        await _work.WaitStartedAsync("t3", "t4");
        _work.Complete("t3");
        _work.Complete("t4");
        var summary = await run;

        Assert.Contains("batch 2/2 started at 00:00:15", _observer.Lines);
        Assert.Equal(4, summary.Completed);
    }

    [Fact]
    public async Task RunAsync_BatchDelay_SpacesBatchStartsEvenWhenSlotsAreFree()
    {
        var run = RunAsync(Plan(6), Options(concurrency: 10, batchSize: 2, delay: TimeSpan.FromSeconds(10)));
        await _work.WaitStartedAsync("t1", "t2");
        await _observer.WaitForAsync("waiting 00:00:10");
        _work.Complete("t1");
        _work.Complete("t2");
        await _observer.WaitForAsync("batch 1 done");

        _time.Advance(TimeSpan.FromSeconds(10) - Tick);
        Assert.False(_work.HasStarted("t3"));
        _time.Advance(Tick);
        await _work.WaitStartedAsync("t3", "t4");

        // Batch 2's topics are still running: in rolling mode the next batch starts on the clock alone.
        await _observer.WaitForAsync("waiting 00:00:10", count: 2);
        _time.Advance(TimeSpan.FromSeconds(10) - Tick);
        Assert.False(_work.HasStarted("t5"));
        _time.Advance(Tick);
        await _work.WaitStartedAsync("t5", "t6");
        foreach (var topic in new[] { "t3", "t4", "t5", "t6" })
        {
            _work.Complete(topic);
        }

        var summary = await run;

        Assert.Equal(
            ["batch 1/3 started at 00:00:00", "batch 2/3 started at 00:00:10", "batch 3/3 started at 00:00:20"],
            _observer.Lines.Where(l => l.StartsWith("batch", StringComparison.Ordinal) && l.Contains("started", StringComparison.Ordinal)));
        Assert.Equal(6, summary.Completed);
    }

    [Fact]
    public async Task RunAsync_NextTopicWouldPassMaxCost_StopsDispatchWithBudget()
    {
        var run = RunAsync(Plan(4), Options(concurrency: 4, batchSize: 2, delay: TimeSpan.FromSeconds(10), maxCost: 1.00m), estimatePerTopic: 0.10m);
        await _work.WaitStartedAsync("t1", "t2");
        await _observer.WaitForAsync("waiting 00:00:10");

        // $0.70 spent is under the budget, but at the average so far ($0.35 a topic) the next topic would pass it.
        _work.Complete("t1", cost: 0.70m);
        _work.Complete("t2");

        // Both: the two runners report concurrently, so t2's line may come before t1's cost is in the average.
        await _observer.WaitForAsync("finished t1 Completed");
        await _observer.WaitForAsync("finished t2 Completed");
        _time.Advance(TimeSpan.FromSeconds(10));
        var summary = await run;

        Assert.Equal(StopReason.Budget, summary.StopReason);
        Assert.Contains("--max-cost", summary.StopMessage, StringComparison.Ordinal);
        Assert.Equal(["t1", "t2"], _work.Started.Order()); // two runners start them concurrently, in either order
        Assert.Equal((2, 2, 0.70m), (summary.Completed, summary.Remaining, summary.CostUsd));
        Assert.Contains("stopping Budget", _observer.Lines);
    }

    [Fact]
    public async Task RunAsync_FirstInterrupt_InFlightTopicsFinishWithinGraceAndAreAbortedAfterIt()
    {
        using var interrupts = new InterruptSignals(_time);
        interrupts.SetGrace(TimeSpan.FromSeconds(30));
        var run = RunAsync(Plan(4), Options(concurrency: 2, batchSize: 10), stop: interrupts.StopDispatch, abort: interrupts.Abort);
        await _work.WaitStartedAsync("t1", "t2");

        interrupts.Signal();
        _time.Advance(TimeSpan.FromSeconds(10));
        _work.Complete("t1");
        await _observer.WaitForAsync("finished t1 Completed");
        _time.Advance(TimeSpan.FromSeconds(20) - Tick);
        Assert.False(_work.StartOf("t2").Abort.IsCancellationRequested);

        _time.Advance(Tick);
        var summary = await run;

        Assert.Equal(StopReason.Interrupted, summary.StopReason);
        Assert.Equal(["t1", "t2"], _work.Started.Order()); // two runners start them concurrently, in either order
        Assert.Contains("finished t2 Cancelled", _observer.Lines);
        Assert.Equal((1, 0, 3), (summary.Completed, summary.Failed, summary.Remaining));
    }

    [Fact]
    public async Task RunAsync_SecondInterrupt_AbortsInFlightTopicsAtOnce()
    {
        using var interrupts = new InterruptSignals(_time);
        var run = RunAsync(Plan(4), Options(concurrency: 2, batchSize: 10), stop: interrupts.StopDispatch, abort: interrupts.Abort);
        await _work.WaitStartedAsync("t1", "t2");

        interrupts.Signal();
        interrupts.Signal();
        var summary = await run;

        Assert.Equal(StopReason.Interrupted, summary.StopReason);
        Assert.Equal(["t1", "t2"], _work.Started.Order()); // two runners start them concurrently, in either order
        Assert.Equal((0, 4), (summary.Completed, summary.Remaining));
        Assert.Contains("finished t1 Cancelled", _observer.Lines);
        Assert.Contains("finished t2 Cancelled", _observer.Lines);
    }

    [Fact]
    public async Task RunAsync_ProviderOutageOutlasted_StopsAndSendsInFlightTopicsBackToPending()
    {
        var gate = new ProviderGate("openrouter", _time, new ResilienceOptions(providerOutage: TimeSpan.FromSeconds(30)));
        var run = RunAsync(Plan(4), Options(concurrency: 2, batchSize: 10), gates: [gate]);
        await _work.WaitStartedAsync("t1", "t2");

        var refused = new ProviderError("openrouter", ErrorKind.Transient, "connection failed", null, IsTransient: true, StopsRun: false);
        for (var caller = 0; caller < ProviderGate.CallersToOpen; caller++)
        {
            gate.Record(new object(), refused);
        }

        await _observer.WaitForAsync("cooldown openrouter");
        var waiting = gate.WaitAsync(new object(), CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(30));
        var summary = await run;

        Assert.False(await waiting.WaitAsync(FakeTopicWork.Deadline));
        Assert.Equal(StopReason.ProviderOutage, summary.StopReason);
        Assert.StartsWith("openrouter: unreachable since", summary.StopMessage, StringComparison.Ordinal);
        Assert.Equal(["t1", "t2"], _work.Started.Order()); // two runners start them concurrently, in either order
        Assert.Equal((0, 0, 4), (summary.Completed, summary.Failed, summary.Remaining));
        Assert.Contains("finished t1 Cancelled", _observer.Lines);
        Assert.Contains("finished t2 Cancelled", _observer.Lines);
    }

    [Fact]
    public async Task RunAsync_StoreUnavailableBeyondItsBudget_StopsStartingTopicsWithTheReason()
    {
        var run = RunAsync(Plan(3), Options(concurrency: 1, batchSize: 10));
        await _work.WaitStartedAsync("t1");

        _work.Throw("t1", new StoreUnavailableException("the completion store was unreachable for longer than the outage budget (120 s): database is locked"));
        var summary = await run.WaitAsync(FakeTopicWork.Deadline);

        Assert.Equal(StopReason.StoreOutage, summary.StopReason);
        Assert.StartsWith("the completion store was unreachable", summary.StopMessage, StringComparison.Ordinal);
        Assert.Equal(["t1"], _work.Started);
        Assert.Equal((0, 0), (summary.Completed, summary.Failed));
    }

    [Fact]
    public async Task RunAsync_ResumedPlan_CountsEarlierAndNewWorkOnce()
    {
        // Three topics were done before this run and one was adopted from disk; of the three left, one completes,
        // one fails and one turns out to be completed by another worker.
        var plan = new RunPlan(["t1", "t2", "t3"], Skipped: 3, Adopted: 1, Stale: 0, Invalid: []);
        _work.Complete("t1");
        _work.Fail("t2");
        _work.Skip("t3");

        var summary = await RunAsync(plan, Options(concurrency: 2, batchSize: 10));

        Assert.Equal((7, 1, 1, 5, 0), (summary.Total, summary.Completed, summary.Failed, summary.Skipped, summary.Remaining));
        Assert.Equal(StopReason.None, summary.StopReason);
        Assert.Equal((7, 3, 5), (_observer.LastProgress!.Total, _observer.LastProgress.ToProcess, _observer.LastProgress.Skipped));
    }

    private Task<RunSummary> RunAsync(
        RunPlan plan, RunOptions options, decimal estimatePerTopic = 0m, IReadOnlyList<ProviderGate>? gates = null, CancellationToken stop = default, CancellationToken abort = default) =>
        new BatchEngine(_work, _time, gates ?? []).RunAsync(plan, options, _observer, estimatePerTopic, stop, abort).WaitAsync(FakeTopicWork.Deadline);

    private static RunPlan Plan(int topics) => new([.. Enumerable.Range(1, topics).Select(i => $"t{i}")], 0, 0, 0, []);

    private static RunOptions Options(int concurrency, int batchSize, TimeSpan? delay = null, bool strict = false, decimal? maxCost = null) =>
        new(RunVariant.FlashcardsWeb, "run-1", "worker-1", concurrency, batchSize, delay ?? TimeSpan.Zero, strict, maxCost);
}
