using PromptOptimizer.Output;
using PromptOptimizer.Review;

namespace PromptOptimizer.Tests.Review;

public sealed class CardIndexTests : IAsyncDisposable
{
    private readonly ReviewSite _site = new();

    [Fact]
    public async Task SearchAsync_EveryWord_MustMatchAndTheLastIsAPrefix()
    {
        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris"), ReviewSite.Basic("c2", "Capital of Italy?", "Rome")]);
        _site.WriteFlashcards("dog", "b", [ReviewSite.Cloze("c1", "{{c1::Paris}} hosted the 1900 games.")]);
        using var index = NewIndex();
        await index.RefreshAsync(default);

        var (cards, total, _) = await index.SearchAsync(OutputKind.Flashcards, "par", 0, 10, default);
        var (capital, _, _) = await index.SearchAsync(OutputKind.Flashcards, "capital ita", 0, 10, default);

        Assert.Equal(2, total);
        Assert.Equal(["cat/a.json#c1", "dog/b.json#c1"], cards.Select(c => c.TopicPath + "#" + c.Card.Id).Order(StringComparer.Ordinal));
        Assert.Equal("c2", Assert.Single(capital).Card.Id);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("a OR b NOT c")]
    [InlineData("col:umn*")]
    [InlineData("   ")]
    public async Task SearchAsync_QueryWithSearchSyntax_IsTextNotAnError(string query)
    {
        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris")]);
        using var index = NewIndex();
        await index.RefreshAsync(default);

        var (cards, total, _) = await index.SearchAsync(OutputKind.Flashcards, query, 0, 10, default);

        Assert.Empty(cards);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task RefreshAsync_FileRewrittenOrRemoved_IndexFollows()
    {
        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Old question here?", "Old")]);
        _site.WriteFlashcards("cat", "b", [ReviewSite.Basic("c1", "Gone soon?", "Yes")]);
        using var index = NewIndex();
        await index.RefreshAsync(default);

        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "New question here?", "New"), ReviewSite.Basic("c2", "Second?", "Two")], hash: "hash-2");
        File.SetLastWriteTimeUtc(Path.Combine(_site.OutputDir, "flashcards", "cat", "a.json"), DateTime.UtcNow.AddMinutes(1));
        File.Delete(Path.Combine(_site.OutputDir, "flashcards", "cat", "b.json"));
        await index.RefreshAsync(default);

        var topic = Assert.Single(await index.TopicsAsync(OutputKind.Flashcards, default));
        Assert.Equal(("cat/a.json", "hash-2", 2), (topic.TopicPath, topic.ContentHash, topic.Cards));
        Assert.Equal(0, (await index.SearchAsync(OutputKind.Flashcards, "old", 0, 10, default)).Total);
        Assert.Equal(1, (await index.SearchAsync(OutputKind.Flashcards, "new", 0, 10, default)).Total);
        Assert.Equal(0, (await index.SearchAsync(OutputKind.Flashcards, "gone", 0, 10, default)).Total);
    }

    [Fact]
    public async Task RefreshAsync_BrokenFile_IsListedWithItsProblem()
    {
        Directory.CreateDirectory(Path.Combine(_site.OutputDir, "flashcards", "cat"));
        await File.WriteAllTextAsync(Path.Combine(_site.OutputDir, "flashcards", "cat", "bad.json"), "{ not json");
        using var index = NewIndex();

        await index.RefreshAsync(default);

        var topic = Assert.Single(await index.TopicsAsync(OutputKind.Flashcards, default));
        Assert.Equal(0, topic.Cards);
        Assert.Contains("invalid JSON", topic.Problem, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    private CardIndex NewIndex() => new(_site.StateDir, _site.OutputDir);
}
