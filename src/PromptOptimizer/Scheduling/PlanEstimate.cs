namespace PromptOptimizer.Scheduling;

/// <summary>What a plan is expected to take and cost.</summary>
/// <param name="FromHistory">True when the figures come from this mode's past topics rather than the price table.</param>
internal sealed record PlanEstimate(TimeSpan Duration, decimal Cost, decimal CostPerTopic, TimeSpan PerTopic, bool FromHistory);
