namespace PromptOptimizer.Scheduling;

/// <summary>One (mode, category, status) group of <c>completion-status --json</c>.</summary>
internal sealed record StatusReportRow(string Mode, string Category, string Status, int Count, long PromptTokens, long CompletionTokens, decimal CostUsd);
