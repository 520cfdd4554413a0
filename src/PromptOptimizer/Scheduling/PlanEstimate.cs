namespace PromptOptimizer.Scheduling;

/// <summary>What a plan is expected to take and cost.</summary>
/// <param name="FromHistory">True when the figures come from this mode's past topics rather than the price table.</param>
/// <param name="BatchCost">With <c>--batch-api</c>: the same plan with generation at the batch price (research is not discounted).</param>
internal sealed record PlanEstimate(TimeSpan Duration, decimal Cost, decimal CostPerTopic, TimeSpan PerTopic, bool FromHistory, decimal? BatchCost = null);
