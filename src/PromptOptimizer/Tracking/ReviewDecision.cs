namespace PromptOptimizer.Tracking;

/// <summary>What a person decided about one card on the review page.</summary>
internal enum ReviewDecision
{
    Accepted,
    Rejected,
}
