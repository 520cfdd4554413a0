using System.Text.Json;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

public sealed class QualityCheckerTests
{
    private static readonly Flashcard Good = OutputFixture.Basic("good", "What is the capital of France?", "Paris");

    public static TheoryData<string, string> BadCards => new()
    {
        { "front-too-long", Json(Basic(string.Join(' ', Enumerable.Repeat("word", 30)) + "?", "Yes")) },
        { "back-too-long", Json(Basic("What does the long answer say?", new string('x', 501))) },
        { "question-too-short", Json(Basic("Capital France?", "Paris")) },
        { "list-in-answer", Json(Basic("Which cities are in France?", "- Paris\n- Lyon")) },
        { "multiple-questions", Json(Basic("What is TCP? What is UDP?", "Transport protocols")) },
        { "joined-facts", Json(Basic("Where is Paris located?", "In France, and it lies on the Seine")) },
        { "cloze-syntax", Json(Cloze("{{c1::Paris}} is the capital of {{c3::France}}")) },
        { "too-many-clozes", Json(Cloze("{{c1::a}} {{c2::b}} {{c3::c}} {{c4::d}} are letters")) },
        { "long-cloze-answer", Json(Cloze("{{c1::the city of light and love}} is Paris")) },
        { "placeholder", Json(Basic("What is the capital of Spain?", "TODO")) },
        { "placeholder", Json(Basic("What is the capital of Italy?", "Rome, Milan...")) },
        { "vague-front", Json(Basic("What is this?", "A cat")) },
        { "back-repeats-front", Json(Basic("What is the capital of Peru?", "What is the capital of Peru")) },
        { "missing-field", Json(Basic("What is the capital of Chile?", " ")) },
        { "unknown-type", Json(new Flashcard("bad", "reverse", "What is the capital of Chile?", "Santiago", null, [], "easy", ["S1"])) },
        { "no-citation", Json(new Flashcard("bad", "basic", "What is the capital of Chile?", "Santiago", null, [], "easy", [])) },
        { "unknown-source", Json(new Flashcard("bad", "basic", "What is the capital of Chile?", "Santiago", null, [], "easy", ["S1", "S9"])) },
    };

    [Fact]
    public void Check_WellFormedCards_FlagsNothing()
    {
        var report = QualityChecker.Check([Topic("cat", "t", Good, OutputFixture.Cloze("c2", "{{c1::Lima}} is the capital of {{c2::Peru}}"))]);

        Assert.Empty(report.Flagged);
        Assert.Equal((1, 2, 2), (report.Topics, report.Cards, report.CitedCards));
        Assert.All(report.CheckCounts.Values, count => Assert.Equal(0, count));
    }

    [Theory]
    [MemberData(nameof(BadCards))]
    public void Check_BadCard_FlagsThatCardWithTheCheck(string expectedCheck, string cardJson)
    {
        var bad = JsonSerializer.Deserialize<Flashcard>(cardJson)!;

        var report = QualityChecker.Check([Topic("cat", "t", Good, bad)]);

        var flagged = Assert.Single(report.Flagged);
        Assert.Equal(new CardKey("flashcards/cat/t.json", "bad"), flagged.Key);
        Assert.Contains(expectedCheck, flagged.Checks.Select(QualityCheckNames.NameOf));
        Assert.Contains(new CardKey("flashcards/cat/t.json", "bad"), report.FlaggedCards);
        Assert.Equal(1, report.CheckCounts.Single(c => QualityCheckNames.NameOf(c.Key) == expectedCheck).Value);
    }

    [Fact]
    public void Check_DuplicatesAcrossFiles_FlagsTheLaterCardOnly()
    {
        var report = QualityChecker.Check(
        [
            Topic("cat", "a", OutputFixture.Basic("c1", "What port does HTTPS use by default?", "443")),
            Topic("cat", "b", OutputFixture.Basic("c1", "what PORT does <b>HTTPS</b> use by default ?", "443"),
                OutputFixture.Basic("c2", "By default, what port does HTTPS normally use?", "443")),
            Topic("other", "c", OutputFixture.Basic("c1", "By default, which port does HTTPS normally use?", "Port 443")),
        ]);

        Assert.Equal(
            ["flashcards/cat/b.json#c1:exact-duplicate", "flashcards/cat/b.json#c2:near-duplicate"],
            report.Flagged.Select(f => $"{f.Key.FilePath}#{f.Key.CardId}:{string.Join(',', f.Checks.Select(QualityCheckNames.NameOf))}"));
        Assert.Contains("flashcards/cat/a.json#c1", report.Flagged[0].Findings.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_ManyBadCards_ListsCountsAndTopTwentyWorstFirst()
    {
        var cards = Enumerable.Range(1, 25)
            .Select(i => new Flashcard($"c{i}", "basic", $"Item {i}?", i == 7 ? "TODO - a\n- b" : $"Answer {i}", null, [], "easy", []))
            .Prepend(Good)
            .ToArray();
        var report = QualityChecker.Check([Topic("cat", "t", cards)], [new ExportProblem("flashcards/cat/broken.json", "invalid JSON")]);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal((26, 25), (root.GetProperty("cards").GetInt32(), root.GetProperty("flagged_cards").GetInt32()));
        Assert.Equal(Enum.GetValues<QualityCheck>().Length, root.GetProperty("checks").GetArrayLength());
        var counts = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("cards").GetInt32());
        Assert.Equal((25, 25, 1), (counts["no-citation"], counts["question-too-short"], counts["placeholder"]));
        var worst = root.GetProperty("worst").EnumerateArray().ToList();
        Assert.Equal(20, worst.Count);
        Assert.Equal("c7", worst[0].GetProperty("card_id").GetString());
        Assert.Equal("flashcards/cat/t.json", worst[0].GetProperty("file").GetString());
        Assert.Contains("list-in-answer", worst[0].GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("c1", worst[1].GetProperty("card_id").GetString());
        Assert.Equal(25, root.GetProperty("flagged").GetArrayLength());
        Assert.Equal("invalid JSON", root.GetProperty("problems")[0].GetProperty("problem").GetString());
        Assert.Equal(1.0 / 26, root.GetProperty("citation_coverage").GetDouble(), 3);

        var text = report.ToText();
        Assert.StartsWith("1 topics, 26 cards, 25 flagged", text, StringComparison.Ordinal);
        Assert.Contains("flashcards/cat/t.json c7: ", text, StringComparison.Ordinal);
        Assert.Contains("problem: flashcards/cat/broken.json: invalid JSON", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_MinQuality_LeavesOutFlaggedCardsAndCountsThem()
    {
        using var fixture = new OutputFixture();
        fixture.WriteFlashcards("cat", "t", [Good, OutputFixture.Basic("c2", "What is this?", "TODO"), OutputFixture.Basic("c3", "What is the capital of Peru?", "Lima")]);
        var outPath = fixture.OutFile("good.csv");

        var result = await ExportService.ExportAsync(
            new ExportOptions(ExportFormat.Csv, outPath, OutputKind.Flashcards, minQuality: true), fixture.OutputDir, TimeProvider.System, default);

        var ids = DelimitedParser.Parse(await File.ReadAllTextAsync(outPath), ',').Skip(1).Select(r => r[2]);
        Assert.Equal(["good", "c3"], ids);
        Assert.Equal((2, 1), (result.Cards, result.SkippedCards));
    }

    [Fact]
    public async Task CheckOutputAsync_OutputDirectory_ReadsAndReportsBrokenFiles()
    {
        using var fixture = new OutputFixture();
        fixture.WriteFlashcards("cat", "t", [Good, OutputFixture.Basic("c2", "What is this?", "A thing")]);
        fixture.WriteRaw(OutputKind.Flashcards, "cat", "u.json", "{");

        var report = await QualityChecker.CheckOutputAsync(fixture.OutputDir, OutputKind.Flashcards, null, default);

        Assert.Equal(["c2"], report.Flagged.Select(f => f.Key.CardId));
        Assert.Equal("flashcards/cat/u.json", report.Problems.Single().Path);
    }

    internal static ExportTopic Topic(string category, string name, params Flashcard[] cards) => new(
        new TopicReference($"{category}/{name}.json", name, "h"), category, name, $"flashcards/{category}/{name}.json",
        OutputFixture.DefaultSources, cards, null, OutputFixture.Generated);

    private static Flashcard Basic(string front, string back) => OutputFixture.Basic("bad", front, back);

    private static Flashcard Cloze(string text) => OutputFixture.Cloze("bad", text);

    private static string Json(Flashcard card) => JsonSerializer.Serialize(card);
}
