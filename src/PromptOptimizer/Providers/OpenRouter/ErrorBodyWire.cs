namespace PromptOptimizer.Providers.OpenRouter;

internal sealed class ErrorBodyWire
{
    public ErrorWire? Error { get; set; }
}
