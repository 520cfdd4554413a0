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
}
