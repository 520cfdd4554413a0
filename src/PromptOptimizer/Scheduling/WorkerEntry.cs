namespace PromptOptimizer.Scheduling;

/// <summary>One worker of a PostgreSQL store in <c>completion-status --json</c>.</summary>
/// <param name="PerMinute">Completions per minute over the last few minutes.</param>
/// <param name="SecondsSinceHeartbeat">Older than the worker's lease means it is gone (its topics will be taken over).</param>
internal sealed record WorkerEntry(
    string Id, string Host, int Pid, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeat, double SecondsSinceHeartbeat, int InFlight, long Completed, double PerMinute);
