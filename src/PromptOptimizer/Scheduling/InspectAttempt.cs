namespace PromptOptimizer.Scheduling;

/// <summary>One recorded call (or rejected answer) of a topic.</summary>
internal sealed record InspectAttempt(string Mode, string Stage, int? StatusCode, string? Error, long PromptTokens, long CompletionTokens,
    decimal CostUsd, long LatencyMs, DateTimeOffset At, string? Request, string? RawAnswer);
