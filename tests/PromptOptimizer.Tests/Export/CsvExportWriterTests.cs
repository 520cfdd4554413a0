using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

public sealed class CsvExportWriterTests : IDisposable
{
    private readonly OutputFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ExportAsync_Csv_WritesRfc4180RowsThatParseBackToTheCards()
    {
        var tricky = OutputFixture.Basic("c1", "Comma, \"quote\"\nand newline?", "Line one\r\nline two\tand a tab", "S1", "S2");
        var cloze = OutputFixture.Cloze("c2", "{{c1::Lima}} is the capital of Peru");
        _fixture.WriteFlashcards("001_geo", "capitals", [tricky, cloze]);
        _fixture.WriteFlashcards("002_hist", "rome", [OutputFixture.Basic("r1", "Who founded Rome in legend?", "Romulus")]);
        var outPath = _fixture.OutFile("cards.csv");

        var result = await ExportService.ExportAsync(new ExportOptions(ExportFormat.Csv, outPath, OutputKind.Flashcards), _fixture.OutputDir, TimeProvider.System, default);

        var text = await File.ReadAllTextAsync(outPath);
        Assert.StartsWith(CsvExportWriter.Header + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = DelimitedParser.Parse(text, ',');
        Assert.Equal(CsvExportWriter.Header.Split(','), rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(10, r.Count));
        Assert.Equal(["001_geo/capitals.json", "001_geo", "c1", "basic", tricky.Front, tricky.Back, "", "tag one", "easy", "https://example.org/a?x=1&y=2 https://example.org/b"], rows[1]);
        Assert.Equal("cloze", rows[2][3]);
        Assert.Equal(cloze.Text, rows[2][6]);
        Assert.Equal("002_hist/rome.json", rows[3][0]);
        Assert.Equal((2, 3, 3), (result.Topics, result.Notes, result.Cards));
    }

    [Fact]
    public async Task ExportAsync_ExistingFile_IsReplacedWithoutLeavingTemporaryFiles()
    {
        _fixture.WriteFlashcards("001_geo", "capitals", [OutputFixture.Basic("c1", "What is the capital of Peru?", "Lima")]);
        var outPath = _fixture.OutFile("cards.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, "old content");

        await ExportService.ExportAsync(new ExportOptions(ExportFormat.Csv, outPath, OutputKind.Flashcards), _fixture.OutputDir, TimeProvider.System, default);

        Assert.StartsWith(CsvExportWriter.Header, await File.ReadAllTextAsync(outPath), StringComparison.Ordinal);
        Assert.Equal(["cards.csv"], Directory.GetFiles(Path.GetDirectoryName(outPath)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ExportAsync_Cancelled_LeavesTargetUntouched()
    {
        _fixture.WriteFlashcards("001_geo", "capitals", [OutputFixture.Basic("c1", "What is the capital of Peru?", "Lima")]);
        var outPath = _fixture.OutFile("cards.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, "old content");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ExportService.ExportAsync(
            new ExportOptions(ExportFormat.Csv, outPath, OutputKind.Flashcards), _fixture.OutputDir, TimeProvider.System, new CancellationToken(canceled: true)));

        Assert.Equal("old content", await File.ReadAllTextAsync(outPath));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(outPath)!));
    }
}
