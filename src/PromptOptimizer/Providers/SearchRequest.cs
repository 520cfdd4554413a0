namespace PromptOptimizer.Providers;

/// <summary>An Exa search for one topic.</summary>
internal sealed record SearchRequest(string Query, int NumResults, int MaxTextCharacters = 2000, int MaxHighlightCharacters = 1000);
