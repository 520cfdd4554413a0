namespace PromptOptimizer.Export;

/// <summary>The findings for one card.</summary>
/// <param name="Order">The card's position in reading order, for stable sorting.</param>
internal sealed record CardQuality(CardKey Key, string Category, int Order, IReadOnlyList<QualityFinding> Findings)
{
    public bool IsFlagged => Findings.Count > 0;

    /// <summary>Distinct checks in enum order.</summary>
    public IReadOnlyList<QualityCheck> Checks => Findings.Select(f => f.Check).Distinct().Order().ToList();
}
