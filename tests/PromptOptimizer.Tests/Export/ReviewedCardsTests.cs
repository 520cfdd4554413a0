using PromptOptimizer.Export;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Export;

public sealed class ReviewedCardsTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly OutputFixture _fixture = new();

    [Fact]
    public async Task ExportAsync_ReviewedAccepted_KeepsOnlyAcceptedCardsWithEdits()
    {
        _fixture.WriteFlashcards("cat", "a", [
            OutputFixture.Basic("c1", "Capital of France?", "Paris"),
            OutputFixture.Basic("c2", "Capital of Italy?", "Rome"),
            OutputFixture.Basic("c3", "Capital of Spain?", "Madird"),
            OutputFixture.Cloze("c4", "{{c1::Bern}} is in Switzerland."),
            OutputFixture.Basic("c5", "Never reviewed?", "No"),
        ]);
        var hash = "hash-a";
        var reviewed = new ReviewedCards([
            Review("c1", ReviewDecision.Accepted, hash),
            Review("c2", ReviewDecision.Rejected, hash),
            Review("c3", ReviewDecision.Accepted, hash, back: "Madrid"),
            Review("c4", ReviewDecision.Accepted, hash, front: "{{c1::Bern}} is the capital of Switzerland."),
        ]);
        var options = new ExportOptions(ExportFormat.Jsonl, _fixture.OutFile("out.jsonl"), OutputKind.Flashcards);

        var result = await ExportService.ExportAsync(options, _fixture.OutputDir, TimeProvider.System, default, reviewed);

        Assert.Equal((3, 2, 2), (result.Cards, result.SkippedCards, result.LeftOutByReview));
        var lines = await File.ReadAllLinesAsync(options.OutPath);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"back\":\"Madrid\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("is the capital of Switzerland.", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReviewOfAnEarlierVersionOfTheTopic_IsStaleAndLeftOut()
    {
        var topic = new ExportTopic(new TopicReference("cat/a.json", "A", "hash-2"), "cat", "a", "flashcards/cat/a.json", [],
            [OutputFixture.Basic("c1", "Q?", "A")], null, At);

        var (kept, leftOut) = new ReviewedCards([Review("c1", ReviewDecision.Accepted, "hash-1")]).Apply(topic);

        Assert.Empty(kept.Cards);
        Assert.Equal(1, leftOut);
    }

    public void Dispose() => _fixture.Dispose();

    private static CardReview Review(string card, ReviewDecision decision, string hash, string? front = null, string? back = null) =>
        new(OutputKind.Flashcards, "cat/a.json", card, hash, decision, front, back, At);
}
