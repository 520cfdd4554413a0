namespace PromptOptimizer.Providers;

/// <summary>An Exa answer. <see cref="Cost"/> is <c>costDollars.total</c>, the only cost field both documented shapes share.</summary>
internal sealed record SearchResponse(string? RequestId, IReadOnlyList<SearchHit> Results, decimal? Cost);
