using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>What <see cref="ResumePlanner.DecideAsync"/> found.</summary>
/// <param name="Checkpoint">The checkpoint read, for <see cref="ResumeAction.Resume"/> and <see cref="ResumeAction.Unfinished"/>.</param>
/// <param name="Error">Why the checkpoint is unusable, for <see cref="ResumeAction.ContinueFromStore"/> and <see cref="ResumeAction.Damaged"/>.</param>
/// <param name="Path">The checkpoint file of the mode.</param>
internal sealed record ResumeDecision(ResumeAction Action, Checkpoint? Checkpoint, string? Error, string Path);
