namespace PromptOptimizer.LocalSources;

/// <summary>A passage found for a query, and how well it matches.</summary>
/// <param name="Score">The negated FTS5 <c>bm25()</c> score: higher is better.</param>
/// <param name="MatchedTerms">How many distinct words of the query the passage contains (stems counted once, roughly).</param>
/// <param name="QueryTerms">How many searchable words the query has.</param>
internal sealed record ScoredPassage(LocalPassage Passage, double Score, int MatchedTerms, int QueryTerms)
{
    /// <summary>
    /// Whether the passage can ground a topic: its score reaches <paramref name="minScore"/> and it shares at least two
    /// of the query's words (a quarter of a long query's), so one rare word in common is never enough.
    /// </summary>
    public bool IsRelevant(double minScore) =>
        Score >= minScore && MatchedTerms >= Math.Min(QueryTerms, Math.Max(2, (QueryTerms + 3) / 4));
}
