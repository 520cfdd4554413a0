namespace PromptOptimizer.Cli.Commands;

/// <summary><c>completion-status --json</c>.</summary>
internal sealed record StatusReport(IReadOnlyList<StatusReportRow> Rows, IReadOnlyList<StaleEntry> Stale);
