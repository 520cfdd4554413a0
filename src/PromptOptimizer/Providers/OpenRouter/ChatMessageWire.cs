namespace PromptOptimizer.Providers.OpenRouter;

internal sealed record ChatMessageWire(string Role, string Content);
