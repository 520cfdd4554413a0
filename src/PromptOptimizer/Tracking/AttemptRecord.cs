using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>One API call made for a topic, kept for <c>inspect</c> and cost accounting.</summary>
/// <param name="Stage">e.g. <c>research</c>, <c>generate</c>, <c>draft</c>, <c>critique</c>, <c>revise</c>.</param>
/// <param name="StatusCode">HTTP status, or null when no answer came (timeout, reset).</param>
/// <param name="Request">The request body sent (never headers, so never keys).</param>
/// <param name="RawAnswer">The model's raw answer, kept when validation failed.</param>
internal sealed record AttemptRecord(
    string TopicPath,
    OutputKind Mode,
    string RunId,
    string Stage,
    int? StatusCode,
    string? Error,
    long PromptTokens,
    long CompletionTokens,
    decimal CostUsd,
    long LatencyMs,
    DateTimeOffset At,
    string? Request = null,
    string? RawAnswer = null);
