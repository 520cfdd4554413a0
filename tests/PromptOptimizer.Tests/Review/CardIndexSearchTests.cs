using System.Globalization;
using PromptOptimizer.Output;
using PromptOptimizer.Review;

namespace PromptOptimizer.Tests.Review;

public sealed class CardIndexSearchTests : IAsyncDisposable
{
    private readonly ReviewSite _site = new();

    [Fact]
    public async Task SearchAsync_SeveralMatches_BestRankedFirst()
    {
        _site.WriteFlashcards("cat", "a", [
            ReviewSite.Basic("c1", "What does a bounded queue do for a producer, a consumer and the memory of the whole service?", "It applies back-pressure."),
            ReviewSite.Basic("c2", "Queue?", "A bounded queue."),
            ReviewSite.Basic("c3", "Unrelated?", "Nothing here.")]);
        using var index = await NewIndexAsync();

        var found = await index.SearchAsync(OutputKind.Flashcards, "queue", 0, 10, default);

        Assert.Equal(["c2", "c1"], found.Cards.Select(c => c.Card.Id));
        Assert.Equal((2, false), (found.Total, found.TotalCapped));
        Assert.All(found.Cards, c => Assert.Equal(("cat/a.json", "hash-1"), (c.TopicPath, c.ContentHash)));
    }

    [Fact]
    public async Task SearchAsync_SameWordsInAnotherProduct_FindsOnlyTheAskedProduct()
    {
        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Flashcard about leases?", "Leases expire.")]);
        _site.WriteFlashcards("cat", "u", [ReviewSite.Basic("u1", "Unified card about leases?", "Leases renew.")]);
        var unified = Path.Combine(_site.OutputDir, "unified", "cat");
        Directory.CreateDirectory(unified);
        File.Move(Path.Combine(_site.OutputDir, "flashcards", "cat", "u.json"), Path.Combine(unified, "u.json"));
        using var index = await NewIndexAsync();

        var flashcards = await index.SearchAsync(OutputKind.Flashcards, "leases", 0, 10, default);
        var unifiedCards = await index.SearchAsync(OutputKind.Unified, "leases", 0, 10, default);
        var prompts = await index.SearchAsync(OutputKind.Prompts, "leases", 0, 10, default);

        Assert.Equal(("c1", 1), (Assert.Single(flashcards.Cards).Card.Id, flashcards.Total));
        Assert.Equal((OutputKind.Unified, "u1", 1), (Assert.Single(unifiedCards.Cards).Mode, unifiedCards.Cards[0].Card.Id, unifiedCards.Total));
        Assert.Equal(0, prompts.Total);
    }

    [Fact]
    public async Task SearchAsync_PagedThroughEveryMatch_EachCardOnce()
    {
        WriteTopics(topics: 3, cardsEach: 40, "checkpoint");
        using var index = await NewIndexAsync();

        var pages = new List<CardSearchResult>();
        for (var offset = 0; offset < 150; offset += 50)
        {
            pages.Add(await index.SearchAsync(OutputKind.Flashcards, "checkpoint", offset, 50, default));
        }

        Assert.Equal([50, 50, 20], pages.Select(p => p.Cards.Count));
        Assert.All(pages, p => Assert.Equal((120, false), (p.Total, p.TotalCapped)));
        Assert.Equal(120, pages.SelectMany(p => p.Cards).Select(c => c.TopicPath + "#" + c.Card.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task SearchAsync_MoreMatchesThanThePool_TotalCappedAndPagesStopAtThePool()
    {
        WriteTopics(topics: 11, cardsEach: 100, "partition");
        using var index = await NewIndexAsync();

        var first = await index.SearchAsync(OutputKind.Flashcards, "partition", 0, 50, default);
        var last = await index.SearchAsync(OutputKind.Flashcards, "partition", CardIndex.SearchPool - 50, 50, default);
        var beyond = await index.SearchAsync(OutputKind.Flashcards, "partition", CardIndex.SearchPool, 50, default);
        var narrow = await index.SearchAsync(OutputKind.Flashcards, "partition topic-3", 0, 50, default);

        Assert.Equal((50, CardIndex.SearchPool, true), (first.Cards.Count, first.Total, first.TotalCapped));
        Assert.Equal(50, last.Cards.Count);
        Assert.Equal((0, CardIndex.SearchPool, true), (beyond.Cards.Count, beyond.Total, beyond.TotalCapped));
        Assert.Equal((50, 100, false), (narrow.Cards.Count, narrow.Total, narrow.TotalCapped));
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    private void WriteTopics(int topics, int cardsEach, string word)
    {
        for (var t = 0; t < topics; t++)
        {
            var topic = "topic-" + t.ToString(CultureInfo.InvariantCulture);
            _site.WriteFlashcards("cat", topic, Enumerable.Range(0, cardsEach)
                .Select(c => ReviewSite.Basic("c" + c.ToString(CultureInfo.InvariantCulture), $"Why a {word} in {topic}?", "Because."))
                .ToList());
        }
    }

    private async Task<CardIndex> NewIndexAsync()
    {
        var index = new CardIndex(_site.StateDir, _site.OutputDir);
        await index.RefreshAsync(default);
        return index;
    }
}
