using PromptOptimizer.LocalSources;

namespace PromptOptimizer.Tests.LocalSources;

public sealed class SampleLibraryTests
{
    [Fact]
    public void CommittedHandbookPdf_HoldsExactlyTheHelpersPages()
    {
        var path = Path.Combine(SampleLibrary.RepositoryLibrary, SampleLibrary.HandbookFile);
        if (Environment.GetEnvironmentVariable("UPDATE_SAMPLE_LIBRARY") == "1")
        {
            File.WriteAllBytes(path, SampleLibrary.WritePdf(SampleLibrary.HandbookPages));
        }

        // Regenerate with UPDATE_SAMPLE_LIBRARY=1 after changing SampleLibrary.HandbookPages.
        var pages = PdfText.Pages(File.ReadAllBytes(path));

        Assert.Equal(SampleLibrary.HandbookPages.Select(SampleLibrary.Words), pages.Select(p => p.Text));
        Assert.Equal(Enumerable.Range(1, SampleLibrary.HandbookPages.Count), pages.Select(p => p.Page));
    }

    [Fact]
    public async Task OpenAsync_SampleLibrary_IndexesEveryFileWithoutWarnings()
    {
        var state = Path.Combine(Path.GetTempPath(), "po-lib-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (_, report) = await LocalLibrary.OpenAsync(SampleLibrary.RepositoryLibrary, state, new LocalSourceOptions(), CancellationToken.None);

            Assert.Empty(report.Warnings);
            Assert.Equal(5, report.Files);
            Assert.Equal(5, report.Parsed);
            Assert.True(report.Passages >= 15, $"{report.Passages} passages");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
