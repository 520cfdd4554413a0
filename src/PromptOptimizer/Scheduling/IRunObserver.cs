namespace PromptOptimizer.Scheduling;

/// <summary>
/// What a run tells its display. Called from one task only, in order, so implementations need no locking.
/// The engine itself never writes to a console.
/// </summary>
internal interface IRunObserver
{
    void OnBatchStarted(int batch, int totalBatches, int topics, TimeSpan elapsed);

    void OnBatchCompleted(int batch, int succeeded, int failed);

    void OnWaiting(TimeSpan delay, string reason);

    /// <summary>Calls to <paramref name="provider"/> wait until <paramref name="until"/>: <paramref name="reason"/> is "rate limited" or "unreachable".</summary>
    void OnCooldown(string provider, DateTimeOffset until, string reason);

    void OnTopicFinished(TopicOutcome outcome, RunProgress progress);

    /// <summary>The run's provider batches changed (<c>--batch-api</c> only): <see cref="RunProgress.Batches"/> holds them.</summary>
    void OnProviderBatches(RunProgress progress);

    void OnStopping(StopReason reason, string message);
}
