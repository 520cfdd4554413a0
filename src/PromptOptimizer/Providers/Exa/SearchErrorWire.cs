namespace PromptOptimizer.Providers.Exa;

internal sealed class SearchErrorWire
{
    public string? RequestId { get; set; }

    public string? Error { get; set; }

    public string? Tag { get; set; }
}
