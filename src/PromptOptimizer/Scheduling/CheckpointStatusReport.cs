using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// <c>--checkpoint-status</c>: the checkpoint of one mode, or of every mode that has one, and the provider batches the
/// store still has outstanding, so a run stopped with Ctrl+C shows what the next <c>--batch-api</c> run will collect.
/// </summary>
internal sealed record CheckpointStatusReport(IReadOnlyList<CheckpointStatusEntry> Checkpoints, IReadOnlyList<BatchEntry> OutstandingBatches)
{
    /// <summary>Reads the checkpoint files in <paramref name="stateDir"/> and the batches <paramref name="ledger"/> has not collected (none without a store).</summary>
    public static async Task<CheckpointStatusReport> BuildAsync(string stateDir, RunVariant? variant, IBatchLedger? ledger, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        IReadOnlyList<BatchEntry> batches = ledger is null ? [] : (await ledger.OutstandingBatchesAsync(cancellationToken).ConfigureAwait(false)).Select(b => BatchEntry.From(b, now)).ToList();
        IReadOnlyList<RunVariant> variants = variant is { } one ? [one] : RunVariants.All;
        var found = new List<CheckpointStatusEntry>();
        foreach (var (v, local) in variants.SelectMany(v => new[] { (v, false), (v, true) }))
        {
            var path = CheckpointFile.PathFor(stateDir, v, local);
            var read = await CheckpointFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (read.Status != CheckpointReadStatus.Missing)
            {
                found.Add(new CheckpointStatusEntry(RunVariants.ShortNameOf(v) + (local ? "+local" : ""), path, read.Checkpoint, read.Error, batches));
            }
        }

        return new CheckpointStatusReport(found, batches);
    }
}
