using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary>One mode's checkpoint as <c>--checkpoint-status --json</c> shows it.</summary>
internal sealed record CheckpointStatusEntry(string Mode, string Path, Checkpoint? Checkpoint, string? Error);
