namespace PromptOptimizer.Providers.Exa;

internal sealed record SearchRequestWire(string Query, string Type, int NumResults, ContentsWire Contents);
