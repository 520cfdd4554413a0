using System.Text.Json.Serialization;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary><c>completion-status --json</c>.</summary>
/// <param name="Workers">The registered workers of a PostgreSQL store; absent for SQLite.</param>
/// <param name="OutstandingBatches">Provider batches (<c>--batch-api</c>) not yet collected.</param>
internal sealed record StatusReport(
    IReadOnlyList<StatusReportRow> Rows,
    IReadOnlyList<StaleEntry> Stale,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WorkerEntry>? Workers,
    IReadOnlyList<BatchEntry> OutstandingBatches)
{
    /// <summary>
    /// Reads the store's counts, the completed topics whose files changed since (when <paramref name="topicsDir"/>
    /// exists), the workers of a shared store and the batches not yet collected.
    /// </summary>
    /// <param name="researchIdentity">
    /// What a research mode with its own sources adds to a topic's identity (a local library's
    /// <c>SourcesIdentity</c>), so that topics made from it are judged by their passages too; null: topic files only.
    /// </param>
    public static async Task<StatusReport> BuildAsync(
        ICompletionStore store, string topicsDir, Func<TopicDefinition, string>? researchIdentity, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var rows = await store.SummarizeAsync(cancellationToken).ConfigureAwait(false);
        var stale = Directory.Exists(topicsDir)
            ? (await StaleTopics.FindAsync(store, new TopicLoader(topicsDir), researchIdentity, cancellationToken).ConfigureAwait(false)).Select(r => new StaleEntry(r.TopicPath, OutputKinds.NameOf(r.Mode))).ToList()
            : [];
        var now = time.GetUtcNow();
        var workers = store.WorkQueue is { } queue
            ? (await queue.ListWorkersAsync(cancellationToken).ConfigureAwait(false)).Select(w => new WorkerEntry(w.Id, w.Host, w.Pid, w.StartedAt, w.LastHeartbeat,
                Math.Max(0, (now - w.LastHeartbeat).TotalSeconds), w.InFlight, w.Completed, Math.Round(w.PerMinute, 2))).ToList()
            : null;
        var batches = (await store.Batches.OutstandingBatchesAsync(cancellationToken).ConfigureAwait(false)).Select(b => BatchEntry.From(b, now)).ToList();
        return new StatusReport(rows.Select(r => new StatusReportRow(OutputKinds.NameOf(r.Mode), r.Category, TrackingText.Of(r.Status), r.Count, r.PromptTokens, r.CompletionTokens, r.CostUsd)).ToList(),
            stale, workers, batches);
    }
}
