using PromptOptimizer.Providers;
using PromptOptimizer.Research;

namespace PromptOptimizer.Tests.Research;

public sealed class SourceFactoryTests
{
    [Fact]
    public void FromSearch_DuplicateUrls_OneSourcePerUrlNumberedInOrder()
    {
        IReadOnlyList<SearchHit> hits =
        [
            new("https://a.example/page", "A", "2024-01-01", null, 0.9, "text a", []),
            new("https://a.example/page/", "A again", null, null, 0.8, "dup", []),
            new("https://b.example", "  ", " ", null, null, null, ["h1", "h2"]),
        ];

        var sources = SourceFactory.FromSearch(hits);

        Assert.Equal(["S1", "S2"], sources.Select(s => s.Id));
        Assert.Equal(["https://a.example/page", "https://b.example"], sources.Select(s => s.Url));
        Assert.Equal("A", sources[0].Title);
        Assert.Equal("2024-01-01", sources[0].Published);
        Assert.Null(sources[1].Title);
        Assert.Null(sources[1].Published);
        Assert.Equal("text a", sources[0].Excerpt);
        Assert.Equal("h1\n...\nh2", sources[1].Excerpt);
    }

    [Fact]
    public void FromSearch_TextAndHighlights_BothKeptAndCut()
    {
        var sources = SourceFactory.FromSearch([new("https://c.example", null, null, null, null, new string('t', 3000), ["high"])]);

        Assert.Equal(2000, sources[0].Excerpt!.Length);
        Assert.StartsWith("ttt", sources[0].Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCitations_EmptyTitleAndDuplicates_Normalized()
    {
        IReadOnlyList<WebCitation> citations =
        [
            new("https://x.example/a", "", "excerpt one\n\n...\n\nexcerpt two"),
            new("https://x.example/a/", "dup", null),
            new("https://x.example/b", "B", null),
        ];

        var sources = SourceFactory.FromCitations(citations);

        Assert.Equal(["S1", "S2"], sources.Select(s => s.Id));
        Assert.Null(sources[0].Title);
        Assert.Equal("excerpt one\n\n...\n\nexcerpt two", sources[0].Excerpt);
        Assert.Equal("B", sources[1].Title);
        Assert.Null(sources[1].Excerpt);
    }
}
