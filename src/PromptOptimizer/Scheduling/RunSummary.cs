namespace PromptOptimizer.Scheduling;

/// <summary>How a run ended.</summary>
/// <param name="Skipped">Topics done before this run (resumed) or by another worker.</param>
/// <param name="Remaining">Topics left for a later run (not dispatched or cancelled in flight).</param>
internal sealed record RunSummary(
    int Total,
    int Completed,
    int Failed,
    int Skipped,
    int Remaining,
    TimeSpan Duration,
    decimal CostUsd,
    StopReason StopReason,
    string? StopMessage);
