using System.Globalization;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Research;

/// <summary>Turns search hits or web-plugin citations into numbered sources (S1, S2, ...), one per distinct URL.</summary>
internal static class SourceFactory
{
    private const int MaxExcerpt = 2000;

    public static IReadOnlyList<SourceDocument> FromSearch(IReadOnlyList<SearchHit> hits)
    {
        var sources = new List<SourceDocument>();
        foreach (var hit in hits.DistinctBy(h => h.Url.TrimEnd('/'), StringComparer.Ordinal))
        {
            var excerpt = hit.Highlights.Count > 0 ? string.Join("\n...\n", hit.Highlights) : hit.Text;
            if (hit.Highlights.Count > 0 && !string.IsNullOrWhiteSpace(hit.Text))
            {
                excerpt = hit.Text + "\n...\n" + excerpt;
            }

            sources.Add(new SourceDocument(Id(sources.Count), hit.Url, NullIfBlank(hit.Title), NullIfBlank(hit.PublishedDate)) { Excerpt = Cut(excerpt) });
        }

        return sources;
    }

    public static IReadOnlyList<SourceDocument> FromCitations(IReadOnlyList<WebCitation> citations)
    {
        var sources = new List<SourceDocument>();
        foreach (var citation in citations.DistinctBy(c => c.Url.TrimEnd('/'), StringComparer.Ordinal))
        {
            sources.Add(new SourceDocument(Id(sources.Count), citation.Url, NullIfBlank(citation.Title), null) { Excerpt = Cut(citation.Content) });
        }

        return sources;
    }

    /// <summary>The id of the source at <paramref name="index"/> (0-based): S1, S2, ...</summary>
    public static string Id(int index) => "S" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Cut(string? text) => text is null ? null : text.Length <= MaxExcerpt ? text : text[..MaxExcerpt];
}
