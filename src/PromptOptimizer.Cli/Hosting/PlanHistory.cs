namespace PromptOptimizer.Cli.Hosting;

/// <summary>What a mode's completed topics cost and took so far: the basis of a plan's estimate.</summary>
/// <param name="Completed">Completed topics of the mode.</param>
/// <param name="CostUsd">Their total cost.</param>
/// <param name="MeanDuration">Mean duration of up to 200 of them; null without any.</param>
internal sealed record PlanHistory(long Completed, decimal CostUsd, TimeSpan? MeanDuration);
