using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>One mode's checkpoint as <c>--checkpoint-status --json</c> shows it.</summary>
/// <param name="Error">Why the checkpoint file could not be read; null when <paramref name="Checkpoint"/> is set.</param>
/// <param name="OutstandingBatches">
/// The store's provider batches not yet collected (<c>--batch-api</c>). A batch belongs to the store, not to a mode:
/// the next <c>--batch-api</c> run on this store collects every one of them, so each mode lists them all.
/// </param>
internal sealed record CheckpointStatusEntry(string Mode, string Path, Checkpoint? Checkpoint, string? Error, IReadOnlyList<BatchEntry> OutstandingBatches);
