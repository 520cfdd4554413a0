using PromptOptimizer.Output;

namespace PromptOptimizer.Scheduling;

/// <summary>A topic's tracking row in one mode, with the sources of its output.</summary>
internal sealed record InspectRecord(string Mode, string Status, int Attempts, string? ErrorKind, string? LastError, string? OutputPath,
    decimal CostUsd, long PromptTokens, long CompletionTokens, long? DurationMs, IReadOnlyList<SourceDocument> Sources);
