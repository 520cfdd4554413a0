using PromptOptimizer.Cli.Commands;

namespace PromptOptimizer.Cli.Hosting;

/// <summary><c>completion-status --json</c> on a PostgreSQL store: the usual report plus the registered workers.</summary>
internal sealed record DistributedStatusReport(IReadOnlyList<StatusReportRow> Rows, IReadOnlyList<StaleEntry> Stale, IReadOnlyList<WorkerEntry> Workers);
