namespace PromptOptimizer.Providers.Exa;

/// <summary>An Exa search answer; every field nullable, unknown fields ignored.</summary>
internal sealed class SearchResponseWire
{
    public string? RequestId { get; set; }

    public string? ResolvedSearchType { get; set; }

    // Older API versions name the field differently; both are accepted.
    public string? SearchType { get; set; }

    public List<SearchResultWire?>? Results { get; set; }

    public CostDollarsWire? CostDollars { get; set; }
}
