using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>One group of the status summary: the rows of one product, category and status, with their totals.</summary>
/// <param name="Category">The topic path before the first '/', or empty for a topic outside any category.</param>
internal sealed record StatusSummaryRow(
    OutputKind Mode,
    string Category,
    TopicStatus Status,
    int Count,
    long PromptTokens,
    long CompletionTokens,
    decimal CostUsd);
