namespace PromptOptimizer.LocalSources;

/// <summary>A passage found for a query, with its relevance: the negated FTS5 <c>bm25()</c> score (higher is better).</summary>
internal sealed record ScoredPassage(LocalPassage Passage, double Score);
