namespace PromptOptimizer.Scheduling;

/// <summary>What a sample of a mode's completed topics cost and took: the basis of a plan's estimate.</summary>
/// <param name="Completed">Topics in the sample that were run (not adopted).</param>
/// <param name="CostUsd">Their total cost.</param>
/// <param name="MeanDuration">Their mean duration; null without any.</param>
internal sealed record PlanHistory(long Completed, decimal CostUsd, TimeSpan? MeanDuration);
