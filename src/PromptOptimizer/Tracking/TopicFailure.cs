using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>A topic that ended without an output.</summary>
/// <param name="ErrorKind">The outcome's error kind as text (e.g. <c>Validation</c>).</param>
internal sealed record TopicFailure(
    string TopicPath,
    OutputKind Mode,
    string? ContentHash,
    string RunId,
    string WorkerId,
    string ErrorKind,
    string Error,
    DateTimeOffset FailedAt,
    long DurationMs,
    long PromptTokens,
    long CompletionTokens,
    decimal CostUsd);
