namespace PromptOptimizer.Providers.Exa;

internal sealed record TextOptionsWire(int MaxCharacters);
