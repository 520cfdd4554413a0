using PromptOptimizer.Bench;
using PromptOptimizer.LocalSources;
using PromptOptimizer.Tests.LocalSources;

namespace PromptOptimizer.Tests.Bench;

/// <summary>The benchmark's local-sources corpus at a small size: its labels point at real pages, and search finds them.</summary>
public sealed class LocalCorpusTests : IDisposable
{
    private readonly LibraryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Write_SmallCorpus_LabelledPagesExistAndRecallAtFiveReachesTheTarget()
    {
        var corpus = LocalCorpus.Write(_folder.Library, markdownPages: 200, pdfPages: 100, pagesPerFile: 50, labelEvery: 3);
        var (library, report) = await LocalLibrary.OpenAsync(_folder.Library, _folder.State, new LocalSourceOptions(results: 5), CancellationToken.None);

        var found = corpus.Labels.Count(l => library.Probe(l.Query, TimeProvider.System).Hits.Any(h => h.Source == l.Page));

        Assert.Empty(report.Warnings);
        Assert.Equal(300, report.Passages);
        Assert.Equal(100, corpus.Labels.Count);
        Assert.True(found >= 90, $"recall@5 {found} of {corpus.Labels.Count}");
    }

    [Fact]
    public async Task Write_MorePagesThanTerms_NoTwoLabelsShareTheirTerms_AndTheRightPageRanksInTheTopFive()
    {
        // 600 terms: with 1,500 pages every term names several pages, as at the benchmark's 10,000 and 100,000.
        var corpus = LocalCorpus.Write(_folder.Library, markdownPages: 1500, pdfPages: 0, pagesPerFile: 100, labelEvery: 10);
        var (library, _) = await LocalLibrary.OpenAsync(_folder.Library, _folder.State, new LocalSourceOptions(results: 5), CancellationToken.None);

        var subjects = corpus.Labels.Select(l => string.Join(' ', FtsQuery.Words(l.Query).Order(StringComparer.Ordinal))).ToList();
        var found = corpus.Labels.Count(l => library.Probe(l.Query, TimeProvider.System).Hits.Take(5).Any(h => h.Source == l.Page));

        Assert.Equal(150, subjects.Distinct(StringComparer.Ordinal).Count());
        Assert.True(found >= 145, $"recall@5 {found} of {corpus.Labels.Count}");
    }
}
