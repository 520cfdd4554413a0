using System.Collections.Concurrent;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>
/// Topic work whose topics end when the test says so: each topic waits on its own completion source until the test
/// completes, fails or skips it, or until the engine aborts it (then it ends as cancelled, like the real runner).
/// A topic told how to end before it starts ends at once.
/// </summary>
internal sealed class FakeTopicWork : ITopicWork
{
    /// <summary>A safety net for waits that should end almost at once, so a broken engine fails a test instead of hanging it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, FakeTopic> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _started = new();

    public event Action<decimal>? CostIncurred;

    /// <summary>Topics in the order they started.</summary>
    public IReadOnlyList<string> Started => [.. _started];

    public bool HasStarted(string path) => Topic(path).Started.Task.IsCompleted;

    /// <summary>Waits until every topic named has started.</summary>
    public Task WaitStartedAsync(params string[] paths) => Task.WhenAll(paths.Select(p => Topic(p).Started.Task)).WaitAsync(Deadline);

    /// <summary>How the engine started the topic: its batch number, options and abort token.</summary>
    public StartedTopic StartOf(string path) => Topic(path).Started.Task.IsCompleted
        ? Topic(path).Started.Task.Result
        : throw new InvalidOperationException(path + " has not started");

    /// <summary>Completes the topic, reporting <paramref name="cost"/> as one provider attempt's cost first.</summary>
    public void Complete(string path, decimal cost = 0m) => Finish(path, new Ending(OutcomeStatus.Completed, null, cost));

    public void Fail(string path) => Finish(path, new Ending(OutcomeStatus.Failed, new TopicError(ErrorKind.Transient, path + " failed", true, false), 0m));

    /// <summary>Ends the topic with an exception: a bug, or a store that failed under the runner.</summary>
    public void Throw(string path, Exception exception) => Finish(path, new Ending(OutcomeStatus.Failed, null, 0m, exception));

    /// <summary>Ends the topic as skipped: someone else completed it first.</summary>
    public void Skip(string path) => Finish(path, new Ending(OutcomeStatus.Skipped, null, 0m));

    public async Task<(TopicOutcome Outcome, TopicError? Error)> RunAsync(string topicPath, int batch, RunOptions options, CancellationToken abort)
    {
        var topic = Topic(topicPath);
        _started.Enqueue(topicPath);
        topic.Started.TrySetResult(new StartedTopic(batch, options, abort));
        Ending ending;
        try
        {
            ending = await topic.Ending.Task.WaitAsync(abort);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            var cancelled = new TopicError(ErrorKind.Cancelled, "interrupted in flight; back to pending", true, false);
            return (Outcome(topicPath, batch, OutcomeStatus.Cancelled, cancelled, 0m), cancelled);
        }

        if (ending.Exception is { } exception)
        {
            throw exception;
        }

        if (ending.Cost > 0)
        {
            CostIncurred?.Invoke(ending.Cost);
        }

        return (Outcome(topicPath, batch, ending.Status, ending.Error, ending.Cost), ending.Error);
    }

    private static TopicOutcome Outcome(string path, int batch, OutcomeStatus status, TopicError? error, decimal cost) =>
        new(path, batch, status, error?.Kind ?? ErrorKind.None, error?.IsTransient ?? false, error?.Message,
            new UsageSummary(0, 0, cost, 0m), cost > 0 ? 1 : 0, status == OutcomeStatus.Completed ? path + ".json" : null, TimeSpan.Zero);

    private void Finish(string path, Ending ending)
    {
        if (!Topic(path).Ending.TrySetResult(ending))
        {
            throw new InvalidOperationException(path + " was already told how to end");
        }
    }

    private FakeTopic Topic(string path) => _topics.GetOrAdd(path, _ => new FakeTopic());

    /// <summary>How the engine started a topic.</summary>
    public sealed record StartedTopic(int Batch, RunOptions Options, CancellationToken Abort);

    private sealed record Ending(OutcomeStatus Status, TopicError? Error, decimal Cost, Exception? Exception = null);

    private sealed class FakeTopic
    {
        public TaskCompletionSource<StartedTopic> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<Ending> Ending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
