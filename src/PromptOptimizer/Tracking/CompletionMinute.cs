namespace PromptOptimizer.Tracking;

/// <summary>The topics of one product completed within one UTC minute, and what they cost: a point of the runs page's charts.</summary>
internal sealed record CompletionMinute(string Mode, DateTimeOffset Minute, int Completed, decimal CostUsd);
