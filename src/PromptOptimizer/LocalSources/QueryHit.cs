namespace PromptOptimizer.LocalSources;

/// <summary>One passage a query found: its citation, its score and whether that reaches the relevance threshold.</summary>
internal sealed record QueryHit(string Source, double Score, bool Relevant);
