namespace PromptOptimizer.Providers.OpenRouter;

internal sealed class UrlCitationWire
{
    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }
}
