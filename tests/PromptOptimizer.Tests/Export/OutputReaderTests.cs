using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

public sealed class OutputReaderTests : IDisposable
{
    private readonly OutputFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ReadAsync_SeveralCategories_YieldsCategoryThenFileOrdinalOrder()
    {
        _fixture.WriteFlashcards("b_cat", "alpha", [OutputFixture.Basic("c1", "What is alpha here?", "A")]);
        _fixture.WriteFlashcards("a_cat", "Zulu", [OutputFixture.Basic("c1", "What is zulu here?", "Z")]);
        _fixture.WriteFlashcards("a_cat", "beta", [OutputFixture.Basic("c1", "What is beta here?", "B")]);
        Directory.CreateDirectory(Path.Combine(_fixture.OutputDir, "flashcards", ".hidden"));

        var results = await ReadAllAsync(OutputKind.Flashcards);

        Assert.Equal(["flashcards/a_cat/Zulu.json", "flashcards/a_cat/beta.json", "flashcards/b_cat/alpha.json"], results.Select(r => r.FilePath));
        Assert.All(results, r => Assert.True(r.IsValid));
        var topic = results[1].Topic!;
        Assert.Equal(("a_cat", "beta", "a_cat/beta.json", "Topic beta"), (topic.Category, topic.Name, topic.Topic.Path, topic.Topic.Title));
        Assert.Equal(OutputFixture.Generated, topic.GeneratedAt);
        Assert.Equal(2, topic.Sources.Count);
    }

    [Fact]
    public async Task ReadAsync_BrokenFiles_ReportsPathAndProblemAndKeepsGoing()
    {
        _fixture.WriteRaw(OutputKind.Flashcards, "cat", "a_truncated.json", "{\"topic\": {\"path\": ");
        _fixture.WriteRaw(OutputKind.Flashcards, "cat", "b_notopic.json", "{\"cards\": []}");
        _fixture.WriteRaw(OutputKind.Flashcards, "cat", "c_null.json", "null");
        _fixture.WriteRaw(OutputKind.Flashcards, "cat", "d_wrongtype.json", "{\"topic\": {\"path\": \"cat/d.json\", \"title\": \"T\"}, \"cards\": 5}");
        _fixture.WriteFlashcards("cat", "e_good", [OutputFixture.Basic("c1", "What is good here?", "Yes")]);

        var results = await ReadAllAsync(OutputKind.Flashcards);

        Assert.Equal(5, results.Count);
        Assert.Equal(["flashcards/cat/e_good.json"], results.Where(r => r.IsValid).Select(r => r.FilePath));
        Assert.Contains("invalid JSON", results[0].Problems.Single().Problem, StringComparison.Ordinal);
        Assert.Equal("missing field 'topic'", results[1].Problems.Single().Problem);
        Assert.Equal("file holds JSON null", results[2].Problems.Single().Problem);
        Assert.Equal("flashcards/cat/d_wrongtype.json", results[3].Problems.Single().Path);
    }

    [Fact]
    public async Task ReadAsync_CardWithoutIdOrNullFields_SkipsOnlyThatCardAndFillsDefaults()
    {
        const string json = """
            {"topic": {"path": "cat/t.json", "title": "T", "content_hash": "h"}, "generated_at": "2025-01-01T00:00:00Z",
             "sources": [{"id": "S1", "url": "https://x.org"}, {"id": "S2"}],
             "cards": [{"type": "basic", "front": "no id"}, {"id": "c2", "type": "basic", "front": "Q?"}]}
            """;
        _fixture.WriteRaw(OutputKind.Flashcards, "cat", "t.json", json);

        var result = (await ReadAllAsync(OutputKind.Flashcards)).Single();

        var card = Assert.Single(result.Topic!.Cards);
        Assert.Equal(("c2", "", "", 0, 0), (card.Id, card.Back, card.Difficulty, card.Tags.Count, card.SourceIds.Count));
        Assert.Single(result.Topic.Sources);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Problem == "card #1 has no id or type; skipped");
    }

    [Fact]
    public async Task ReadAsync_CategoryFilter_ReadsOnlyThoseAndReportsMissingOnes()
    {
        _fixture.WriteFlashcards("a_cat", "one", [OutputFixture.Basic("c1", "What is one here?", "1")]);
        _fixture.WriteFlashcards("b_cat", "two", [OutputFixture.Basic("c1", "What is two here?", "2")]);

        var results = await ReadAllAsync(OutputKind.Flashcards, ["b_cat", "nope"]);

        Assert.Equal(["flashcards/nope", "flashcards/b_cat/two.json"], results.Select(r => r.FilePath));
        Assert.Equal("category not found", results[0].Problems.Single().Problem);
    }

    [Fact]
    public async Task ReadAsync_NoProductFolder_ReportsOneProblem()
    {
        var result = Assert.Single(await ReadAllAsync(OutputKind.Unified));

        Assert.False(result.IsValid);
        Assert.StartsWith("no unified outputs found", result.Problems.Single().Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnifiedAndPrompts_CarrySystemPrompt()
    {
        _fixture.WriteUnified("cat", "u", [OutputFixture.Basic("c1", "What is unified here?", "U")], "Unified prompt");
        _fixture.WritePrompt("cat", "p", "Prompt only");

        var unified = (await ReadAllAsync(OutputKind.Unified)).Single().Topic!;
        var prompt = (await ReadAllAsync(OutputKind.Prompts)).Single().Topic!;

        Assert.Equal(("Unified prompt", 1), (unified.SystemPrompt, unified.Cards.Count));
        Assert.Equal(("Prompt only", 0), (prompt.SystemPrompt, prompt.Cards.Count));
    }

    private async Task<List<OutputReadResult>> ReadAllAsync(OutputKind kind, IReadOnlyCollection<string>? categories = null)
    {
        var results = new List<OutputReadResult>();
        await foreach (var result in new OutputReader(_fixture.OutputDir).ReadAsync(kind, categories))
        {
            results.Add(result);
        }

        return results;
    }
}
