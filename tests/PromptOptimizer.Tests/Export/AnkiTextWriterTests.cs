using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Cards;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

public sealed class AnkiTextWriterTests : IDisposable
{
    private readonly OutputFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ExportAsync_AnkiTsv_WritesHeaderAndRowsThatParseBackToTheCards()
    {
        var tricky = OutputFixture.Basic("c1", "Tab\there, \"quoted\" and\nnew line?", "Back with\ttab & <tag>");
        var cloze = OutputFixture.Cloze("c2", "{{c1::Lima}} is the capital of Peru", "extra \"info\"");
        _fixture.WriteFlashcards("002_geo", "capitals", [tricky, cloze], title: "Capitals: of::the world");
        var outPath = _fixture.OutFile("deck.txt");

        var result = await ExportService.ExportAsync(new ExportOptions(ExportFormat.AnkiTsv, outPath, OutputKind.Flashcards), _fixture.OutputDir, TimeProvider.System, default);

        var text = await File.ReadAllTextAsync(outPath);
        var lines = text.Split('\n');
        Assert.Equal(
            ["#separator:tab", "#html:true", "#notetype column:1", "#deck column:2", "#tags column:6", "#guid column:7", "#columns:Notetype\tDeck\tFront\tBack\tSources\tTags\tGUID"],
            lines.Take(7));
        var rows = DelimitedParser.Parse(string.Join('\n', lines.Skip(7)), '\t');
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(7, r.Count));
        Assert.Equal((2, 2), (result.Notes, result.Cards));

        var basic = rows[0];
        Assert.Equal("Basic", basic[0]);
        Assert.Equal("PromptOptimizer::002_geo::Capitals: of: the world", basic[1]);
        Assert.Equal(tricky.Front, CardHtml.ToPlainText(basic[2]));
        Assert.Equal(tricky.Back, CardHtml.ToPlainText(basic[3]));
        Assert.StartsWith("<a href=\"https://example.org/a?x=1&amp;y=2\">", basic[4], StringComparison.Ordinal);
        Assert.Equal("002_geo capitals easy tag_one", basic[5]);
        Assert.Equal(AnkiNoteBuilder.Guid("002_geo/capitals.json", "c1"), basic[6]);

        Assert.Equal("Cloze", rows[1][0]);
        Assert.Equal(cloze.Text, CardHtml.ToPlainText(rows[1][2]));
        Assert.Equal(cloze.Back, CardHtml.ToPlainText(rows[1][3]));
    }

    [Fact]
    public async Task ExportAsync_AnkiTsvAndApkg_ShareGuidsAndDecks()
    {
        _fixture.WriteFlashcards("001_geo", "capitals",
            [OutputFixture.Basic("c1", "What is the capital of France?", "Paris"), OutputFixture.Cloze("c2", "{{c1::Paris}} is in France")]);
        var tsvPath = _fixture.OutFile("deck.txt");
        var apkgPath = _fixture.OutFile("deck.apkg");
        var time = new FakeTimeProvider(OutputFixture.Generated);

        await ExportService.ExportAsync(new ExportOptions(ExportFormat.AnkiTsv, tsvPath, OutputKind.Flashcards), _fixture.OutputDir, time, default);
        await ExportService.ExportAsync(new ExportOptions(ExportFormat.Apkg, apkgPath, OutputKind.Flashcards), _fixture.OutputDir, time, default);

        var rows = DelimitedParser.Parse(string.Join('\n', (await File.ReadAllTextAsync(tsvPath)).Split('\n').Skip(7)), '\t');
        var apkg = ApkgContents.Read(apkgPath);
        Assert.Equal(apkg.Notes.Select(n => n.Guid), rows.Select(r => r[6]));
        Assert.Equal(apkg.Notes.Select(n => apkg.DeckName(apkg.Cards.First(c => c.Nid == n.Id).Did)), rows.Select(r => r[1]));
        Assert.Equal(apkg.Notes.Select(n => n.Flds), rows.Select(r => string.Join('\x1f', r[2], r[3], r[4])));
    }

    [Theory]
    [InlineData("plain", '\t', "plain")]
    [InlineData("a\tb", '\t', "\"a\tb\"")]
    [InlineData("say \"hi\"", '\t', "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", '\t', "\"two\nlines\"")]
    [InlineData("a,b", ',', "\"a,b\"")]
    [InlineData("a,b", '\t', "a,b")]
    [InlineData("", ',', "")]
    public void Format_FieldNeedingQuotes_QuotesAndDoublesInnerQuotes(string value, char separator, string expected) =>
        Assert.Equal(expected, DelimitedField.Format(value, separator));
}
