namespace PromptOptimizer.Tracking;

/// <summary>One registered worker as <c>workers</c> shows it.</summary>
/// <param name="InFlight">Topics it holds right now (started, its lease).</param>
/// <param name="Completed">Topics whose completed row names it.</param>
/// <param name="PerMinute">Completions per minute over the last few minutes (at most five, at least one).</param>
internal sealed record WorkerStatus(
    string Id,
    string Host,
    int Pid,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    int InFlight,
    long Completed,
    double PerMinute);
