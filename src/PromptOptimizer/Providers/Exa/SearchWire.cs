using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.Exa;

#pragma warning disable SA1649, CA1812
internal sealed record TextOptionsWire(int MaxCharacters);

internal sealed record ContentsWire(TextOptionsWire? Text, TextOptionsWire? Highlights);

internal sealed record SearchRequestWire(string Query, string Type, int NumResults, ContentsWire Contents);

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

internal sealed class CostDollarsWire
{
    public decimal? Total { get; set; }
}

internal sealed class SearchResponseWire
{
    public string? RequestId { get; set; }

    public string? ResolvedSearchType { get; set; }

    // Older API versions name the field differently; both are accepted.
    public string? SearchType { get; set; }

    public List<SearchResultWire?>? Results { get; set; }

    public CostDollarsWire? CostDollars { get; set; }
}

internal sealed class SearchErrorWire
{
    public string? RequestId { get; set; }

    public string? Error { get; set; }

    public string? Tag { get; set; }
}
#pragma warning restore SA1649, CA1812
