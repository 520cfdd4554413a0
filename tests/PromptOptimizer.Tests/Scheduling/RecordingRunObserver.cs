using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>
/// An <see cref="IRunObserver"/> that writes what it hears as short lines ("batch 2/3 started at 00:00:10",
/// "finished t1 Completed") and lets a test wait for a line, so tests synchronise on the engine's own events.
/// </summary>
internal sealed class RecordingRunObserver : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(string Line, int Count, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The progress reported with the latest finished topic or provider batch change.</summary>
    public RunProgress? LastProgress { get; private set; }

    /// <summary>Waits until <paramref name="line"/> has been heard <paramref name="count"/> times.</summary>
    public Task WaitForAsync(string line, int count = 1)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.Count(l => l == line) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((line, count, seen));
        }

        return seen.Task.WaitAsync(FakeTopicWork.Deadline);
    }

    public void OnBatchStarted(int batch, int totalBatches, int topics, TimeSpan elapsed) => Record($"batch {batch}/{totalBatches} started at {elapsed}");

    public void OnBatchCompleted(int batch, int succeeded, int failed) => Record($"batch {batch} done");

    public void OnWaiting(TimeSpan delay, string reason) => Record($"waiting {delay}");

    public void OnCooldown(string provider, DateTimeOffset until, string reason) => Record($"cooldown {provider}");

    public void OnTopicFinished(TopicOutcome outcome, RunProgress progress)
    {
        LastProgress = progress;
        Record($"finished {outcome.TopicPath} {outcome.Status}");
    }

    public void OnProviderBatches(RunProgress progress)
    {
        LastProgress = progress;
        var b = progress.Batches!;
        Record($"provider batches {b.Submitted} submitted {b.InProgress} running {b.RequestsInBatches} in them {b.RequestsWaiting} waiting");
    }

    public void OnStopping(StopReason reason, string message) => Record($"stopping {reason}");

    private void Record(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            var count = _lines.Count(l => l == line);
            foreach (var waiter in _waiters.Where(w => w.Line == line && w.Count <= count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult();
            }
        }
    }
}
