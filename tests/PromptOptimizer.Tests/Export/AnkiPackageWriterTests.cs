using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

public sealed class AnkiPackageWriterTests : IDisposable
{
    private readonly OutputFixture _fixture = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ExportAsync_Apkg_WritesSchema11CollectionAndEmptyMedia()
    {
        _fixture.WriteFlashcards("001_geo", "capitals", [OutputFixture.Basic("c1", "What is the capital of France?", "Paris")], title: "World capitals");

        var apkg = await ExportAsync("deck.apkg");

        Assert.Equal(["collection.anki2", "media"], apkg.Entries);
        Assert.Equal("{}", apkg.Media);
        Assert.Equal(["cards", "col", "graves", "notes", "revlog"], apkg.Tables);
        Assert.Equal(
            ["ix_cards_nid", "ix_cards_sched", "ix_cards_usn", "ix_notes_csum", "ix_notes_usn", "ix_revlog_cid", "ix_revlog_usn"],
            apkg.Indexes.Where(i => !i.StartsWith("sqlite_", StringComparison.Ordinal)));
        Assert.Equal("delete", apkg.JournalMode);
        Assert.Equal(1, apkg.ColRows);
        Assert.Equal(11, apkg.Version);
        Assert.Equal("Default", apkg.DeckName(1));
        Assert.Equal("PromptOptimizer::001_geo::World capitals", apkg.DeckName(apkg.Cards[0].Did));
        var deckNames = apkg.Decks.EnumerateObject().Select(d => d.Value.GetProperty("name").GetString()).ToList();
        Assert.Contains("PromptOptimizer", deckNames);
        Assert.Contains("PromptOptimizer::001_geo", deckNames);
        Assert.Equal(1, apkg.Decks.GetProperty("1").GetProperty("conf").GetInt32());
        Assert.True(apkg.Dconf.TryGetProperty("1", out _));
        Assert.Equal(2, apkg.Conf.GetProperty("nextPos").GetInt32());

        var basic = apkg.Models.GetProperty("1700000000001");
        Assert.Equal(0, basic.GetProperty("type").GetInt32());
        Assert.Equal(["Front", "Back", "Sources"], basic.GetProperty("flds").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("{{Front}}", basic.GetProperty("tmpls")[0].GetProperty("qfmt").GetString());
        var cloze = apkg.Models.GetProperty("1700000000002");
        Assert.Equal(1, cloze.GetProperty("type").GetInt32());
        Assert.Equal(["Text", "Back Extra", "Sources"], cloze.GetProperty("flds").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Contains(".cloze", cloze.GetProperty("css").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_BasicAndClozeNotes_OneCardPerBasicAndPerClozeNumber()
    {
        _fixture.WriteFlashcards("001_geo", "capitals",
        [
            OutputFixture.Basic("c1", "What is the capital of France?", "Paris"),
            OutputFixture.Cloze("c2", "{{c1::Paris}} is the capital of {{c2::France}}, on the {{c2::Seine}}."),
        ]);

        var apkg = await ExportAsync("deck.apkg");

        Assert.Equal(2, apkg.Notes.Count);
        Assert.Equal(3, apkg.Cards.Count);
        var basicNote = apkg.Notes.Single(n => n.Mid == 1700000000001);
        var clozeNote = apkg.Notes.Single(n => n.Mid == 1700000000002);
        Assert.Equal([0], apkg.Cards.Where(c => c.Nid == basicNote.Id).Select(c => c.Ord));
        Assert.Equal([0, 1], apkg.Cards.Where(c => c.Nid == clozeNote.Id).Select(c => c.Ord).Order());
        Assert.All(apkg.Cards, c =>
        {
            Assert.Equal(0, c.Type);
            Assert.Equal(0, c.Queue);
            Assert.True(c.Due > 0);
            Assert.Equal(0, c.Progress);
            Assert.Equal("", c.Data);
        });
        var ids = apkg.Notes.Select(n => n.Id).Concat(apkg.Cards.Select(c => c.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(apkg.Notes, n => Assert.Equal(-1, n.Usn));
    }

    [Fact]
    public async Task ExportAsync_KnownFront_WritesAnkiChecksumAndSortField()
    {
        _fixture.WriteFlashcards("001_geo", "capitals", [OutputFixture.Basic("c1", "What is the capital of France?", "Paris")]);

        var note = (await ExportAsync("deck.apkg")).Notes.Single();

        Assert.Equal(1815320235, note.Csum);
        Assert.Equal("What is the capital of France?", note.Sfld);
        Assert.Equal(OutputFixture.Generated.ToUnixTimeSeconds(), note.Mod);
    }

    [Fact]
    public async Task ExportAsync_HtmlInFields_EscapesEveryFieldAndLinksSources()
    {
        _fixture.WriteFlashcards("001_sec", "xss",
            [OutputFixture.Basic("c1", "What does <script>alert(1)</script> do & why?", "Runs \"script\" <b>x</b>", "S1", "S2", "S9")]);

        var note = (await ExportAsync("deck.apkg")).Notes.Single();

        Assert.DoesNotContain("<script>", note.Flds, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", note.Flds, StringComparison.Ordinal);
        Assert.Equal("What does &lt;script&gt;alert(1)&lt;/script&gt; do &amp; why?", note.Fields[0]);
        Assert.Equal("Runs &quot;script&quot; &lt;b&gt;x&lt;/b&gt;", note.Fields[1]);
        Assert.Equal(
            "<a href=\"https://example.org/a?x=1&amp;y=2\">Source &quot;A&quot;</a><br><a href=\"https://example.org/b\">https://example.org/b</a>",
            note.Fields[2]);
        Assert.Equal(" 001_sec xss easy tag_one ", note.Tags);
        Assert.Equal("What does <script>alert(1)</script> do & why?", note.Sfld);
    }

    [Fact]
    public async Task ExportAsync_SameInputTwice_KeepsGuidsAndDeckIds()
    {
        _fixture.WriteFlashcards("001_geo", "capitals",
            [OutputFixture.Basic("c1", "What is the capital of France?", "Paris"), OutputFixture.Basic("c2", "What is the capital of Peru?", "Lima")]);

        var first = await ExportAsync("one.apkg");
        _time.Advance(TimeSpan.FromDays(1));
        var second = await ExportAsync("two.apkg");

        Assert.Equal(first.Notes.Select(n => n.Guid), second.Notes.Select(n => n.Guid));
        Assert.Equal(first.Cards.Select(c => c.Did), second.Cards.Select(c => c.Did));
        Assert.Equal(2, first.Notes.Select(n => n.Guid).Distinct().Count());
    }

    [Fact]
    public async Task ExportAsync_RegeneratedTopic_ChangesOnlyThatTopicsNotesWithSameGuidsAndNewerMod()
    {
        _fixture.WriteFlashcards("001_geo", "capitals", [OutputFixture.Basic("c1", "What is the capital of France?", "Paris")]);
        _fixture.WriteFlashcards("001_geo", "rivers", [OutputFixture.Basic("c1", "Which river flows through Paris?", "Seine")]);
        var before = await ExportAsync("before.apkg");

        _fixture.WriteFlashcards("001_geo", "rivers", [OutputFixture.Basic("c1", "Which river flows through Paris?", "The Seine")],
            generatedAt: OutputFixture.Generated.AddDays(3));
        var after = await ExportAsync("after.apkg");

        var unchangedBefore = before.Notes.Single(n => n.Fields[0].Contains("capital", StringComparison.Ordinal));
        var unchangedAfter = after.Notes.Single(n => n.Guid == unchangedBefore.Guid);
        Assert.Equal((unchangedBefore.Flds, unchangedBefore.Mod), (unchangedAfter.Flds, unchangedAfter.Mod));

        var changedBefore = before.Notes.Single(n => n.Fields[0].Contains("river", StringComparison.Ordinal));
        var changedAfter = after.Notes.Single(n => n.Guid == changedBefore.Guid);
        Assert.NotEqual(changedBefore.Flds, changedAfter.Flds);
        Assert.Equal("The Seine", changedAfter.Fields[1]);
        Assert.True(changedAfter.Mod > changedBefore.Mod);
        Assert.Equal(2, after.Notes.Count);
    }

    [Fact]
    public async Task ExportAsync_Apkg_LeavesNoTemporaryFilesAndCountsResult()
    {
        _fixture.WriteFlashcards("001_geo", "capitals",
            [OutputFixture.Basic("c1", "What is the capital of France?", "Paris"), OutputFixture.Cloze("c2", "no deletion here")]);
        var outPath = _fixture.OutFile("deck.apkg");

        var result = await ExportService.ExportAsync(new ExportOptions(ExportFormat.Apkg, outPath, OutputKind.Flashcards), _fixture.OutputDir, _time, default);

        Assert.Equal((1, 1, 1, 1), (result.Topics, result.Notes, result.Cards, result.SkippedCards));
        Assert.Contains(result.Problems, p => p.Path == "flashcards/001_geo/capitals.json" && p.Problem.Contains("c2", StringComparison.Ordinal));
        Assert.Equal(["deck.apkg"], Directory.GetFiles(Path.GetDirectoryName(outPath)!).Select(Path.GetFileName));
    }

    private async Task<ApkgContents> ExportAsync(string fileName)
    {
        var outPath = _fixture.OutFile(fileName);
        await ExportService.ExportAsync(new ExportOptions(ExportFormat.Apkg, outPath, OutputKind.Flashcards), _fixture.OutputDir, _time, default);
        return ApkgContents.Read(outPath);
    }
}
