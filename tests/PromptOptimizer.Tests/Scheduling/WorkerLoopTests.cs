using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>
/// A queue worker over an in-memory queue on a fake clock: it claims in small batches, runs each topic once, keeps
/// its leases alive while topics run, and gives back what it has not started when stopped.
/// </summary>
public sealed class WorkerLoopTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeTopicWork _work = new();
    private readonly WorkerTopicTree _tree = WorkerTopicTree.CreateTemporary("worker-loop-tests");
    private readonly List<RunVariant> _variantsBuilt = [];

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task RunAsync_QueueOfTopics_ClaimsInSmallBatchesRunsEachOnceAndEndsWhenDrained()
    {
        var topics = Topics(5);
        var queue = new FakeWorkQueue(_time, topics);
        foreach (var topic in topics)
        {
            _work.Complete(topic, cost: 0.01m);
        }

        var summary = await RunAsync(queue, Options(concurrency: 2, claimBatch: 2));

        Assert.Equal(topics, _work.Started.Order(StringComparer.Ordinal));
        Assert.All(queue.ClaimSizes, size => Assert.InRange(size, 1, 2));
        Assert.Equal((5, 5, 0, 0), (summary.Claimed, summary.Completed, summary.Released, queue.ReleaseAllCalls));
        Assert.Equal(0.05m, summary.CostUsd);
        Assert.False(summary.Interrupted);
        Assert.Equal([RunVariant.FlashcardsWeb], _variantsBuilt);
        Assert.Equal(("run-1", "worker-1"), (_work.StartOf(topics[0]).Options.RunId, _work.StartOf(topics[0]).Options.WorkerId));
    }

    [Fact]
    public async Task RunAsync_TopicRunsLongerThanALease_HeartbeatsExtendTheLeaseEveryThirdOfIt()
    {
        var start = _time.GetUtcNow();
        var queue = new FakeWorkQueue(_time, "cat/slow.json");
        var run = RunAsync(queue, Options(concurrency: 1, claimBatch: 1));
        await _work.WaitStartedAsync("cat/slow.json");

        _time.Advance((Lease / 3) - TimeSpan.FromTicks(1));
        Assert.Empty(queue.Heartbeats);
        _time.Advance(TimeSpan.FromTicks(1));
        await queue.WaitForHeartbeatsAsync(1);
        _time.Advance(Lease / 3);
        await queue.WaitForHeartbeatsAsync(2);
        _work.Complete("cat/slow.json");
        var summary = await run;

        Assert.Equal([start + TimeSpan.FromSeconds(10) + Lease, start + TimeSpan.FromSeconds(20) + Lease], queue.Heartbeats);
        Assert.Equal(1, summary.Completed);
    }

    [Fact]
    public async Task RunAsync_TopicFinished_HeartbeatRenewsOnlyTheTopicsStillHeld()
    {
        var topics = Topics(2);
        var queue = new FakeWorkQueue(_time, topics);
        var run = RunAsync(queue, Options(concurrency: 1, claimBatch: 1));
        await _work.WaitStartedAsync(topics[0]);
        _work.Complete(topics[0]);
        await _work.WaitStartedAsync(topics[1]);

        _time.Advance(Lease / 3);
        await queue.WaitForHeartbeatsAsync(1);
        _work.Complete(topics[1]);
        await run;

        Assert.Equal([topics[1]], queue.HeartbeatPaths[0]);
    }

    [Fact]
    public async Task RunAsync_RunnerThrows_StopsTheHeartbeatGivesEverythingBackAndRethrows()
    {
        var topics = Topics(3);
        var queue = new FakeWorkQueue(_time, topics);
        var run = RunAsync(queue, Options(concurrency: 1, claimBatch: 3));
        await _work.WaitStartedAsync(topics[0]);

        _work.Throw(topics[0], new InvalidOperationException("store gone"));
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        _time.Advance(Lease);

        Assert.Equal("store gone", thrown.Message);
        Assert.Equal([topics[0]], _work.Started);
        Assert.Equal(1, queue.ReleaseAllCalls);
        Assert.Empty(queue.Heartbeats);
    }

    [Fact]
    public async Task RunAsync_StoreUnavailableBeyondItsBudget_StopsWithTheReasonInsteadOfThrowing()
    {
        var topics = Topics(3);
        var queue = new FakeWorkQueue(_time, topics);
        var run = RunAsync(queue, Options(concurrency: 1, claimBatch: 3));
        await _work.WaitStartedAsync(topics[0]);

        _work.Throw(topics[0], new PromptOptimizer.Tracking.StoreUnavailableException("the completion store was unreachable"));
        var summary = await run;

        Assert.StartsWith("the completion store was unreachable", summary.StopMessage, StringComparison.Ordinal);
        Assert.Contains("run `work` again", summary.StopMessage, StringComparison.Ordinal);
        Assert.Equal([topics[0]], _work.Started);
        Assert.False(summary.Interrupted);
    }

    [Fact]
    public async Task RunAsync_Stopped_FinishesTheRunningTopicAndReleasesTheClaimedOnesNotStarted()
    {
        var topics = Topics(3);
        var queue = new FakeWorkQueue(_time, topics);
        using var interrupts = new InterruptSignals(_time);
        var run = RunAsync(queue, Options(concurrency: 1, claimBatch: 3), interrupts);
        await _work.WaitStartedAsync(topics[0]);

        interrupts.Signal();
        _work.Complete(topics[0]);
        var summary = await run;

        Assert.Equal([topics[0]], _work.Started);
        Assert.Equal([topics[1], topics[2]], queue.Released);
        Assert.Equal((3, 1, 2, 1), (summary.Claimed, summary.Completed, summary.Released, queue.ReleaseAllCalls));
        Assert.True(summary.Interrupted);
    }

    [Fact]
    public async Task RunAsync_StoppedAndGraceOver_AbortsTheRunningTopicAndReleasesEverything()
    {
        var topics = Topics(3);
        var queue = new FakeWorkQueue(_time, topics);
        using var interrupts = new InterruptSignals(_time);
        interrupts.SetGrace(TimeSpan.FromSeconds(5));
        var run = RunAsync(queue, Options(concurrency: 1, claimBatch: 3), interrupts);
        await _work.WaitStartedAsync(topics[0]);

        interrupts.Signal();
        _time.Advance(TimeSpan.FromSeconds(5));
        var summary = await run;

        Assert.True(_work.StartOf(topics[0]).Abort.IsCancellationRequested);
        Assert.Equal([topics[0]], _work.Started);
        Assert.Equal((3, 0, 3), (summary.Claimed, summary.Completed, summary.Released));
    }

    private Task<WorkerSummary> RunAsync(FakeWorkQueue queue, WorkerOptions options, InterruptSignals? interrupts = null)
    {
        var loop = new WorkerLoop(queue, queue, _tree, variant =>
        {
            lock (_variantsBuilt)
            {
                _variantsBuilt.Add(variant);
            }

            return _work;
        }, _time);
        return loop.RunAsync(options, interrupts?.StopDispatch ?? CancellationToken.None, interrupts?.Abort ?? CancellationToken.None).WaitAsync(FakeTopicWork.Deadline);
    }

    private static WorkerOptions Options(int concurrency, int claimBatch) =>
        new("worker-1", "run-1", concurrency, Lease, pollInterval: TimeSpan.FromSeconds(1), claimBatch: claimBatch);

    private static string[] Topics(int count) => [.. Enumerable.Range(1, count).Select(i => $"cat/t{i}.json")];
}
