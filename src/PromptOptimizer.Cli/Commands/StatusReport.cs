using System.Text.Json.Serialization;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>completion-status --json</c>.</summary>
/// <param name="Workers">The registered workers of a PostgreSQL store; absent for SQLite.</param>
/// <param name="OutstandingBatches">Provider batches (<c>--batch-api</c>) not yet collected.</param>
internal sealed record StatusReport(
    IReadOnlyList<StatusReportRow> Rows,
    IReadOnlyList<StaleEntry> Stale,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WorkerEntry>? Workers,
    IReadOnlyList<BatchEntry> OutstandingBatches);
