namespace PromptOptimizer.Providers.Exa;

internal sealed class SearchResultWire
{
    public string? Id { get; set; }

    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? PublishedDate { get; set; }

    public string? Author { get; set; }

    public double? Score { get; set; }

    public string? Text { get; set; }

    public List<string?>? Highlights { get; set; }
}
