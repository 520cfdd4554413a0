namespace PromptOptimizer.Providers.Exa;

internal sealed record ContentsWire(TextOptionsWire? Text, TextOptionsWire? Highlights);
