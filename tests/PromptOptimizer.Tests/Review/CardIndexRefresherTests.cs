using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Review;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Review;

public sealed class CardIndexRefresherTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ReviewSite _site = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<CardIndexRefresher> _refreshers = [];
    private CardIndex? _index;

    private CardIndex Index => _index ??= new CardIndex(_site.StateDir, _site.OutputDir);

    [Fact]
    public async Task Start_FirstTick_IndexesBeforeAnyReadAnswers()
    {
        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris")]);
        var refresher = NewRefresher();

        refresher.Start();

        Assert.Equal("cat/a.json", Assert.Single(await Index.TopicsAsync(OutputKind.Flashcards, default)).TopicPath);
    }

    [Fact]
    public async Task Tick_OnTheFakeClock_PicksUpNewFilesWhileReadsOnlyRead()
    {
        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris")]);
        var refresher = NewRefresher();
        refresher.Start();
        await Index.Ready;

        _site.WriteFlashcards("cat", "b", [ReviewSite.Basic("c1", "Capital of Italy?", "Rome")]);
        Assert.Single(await Index.TopicsAsync(OutputKind.Flashcards, default));

        _time.Advance(Interval);
        await Poll.UntilAsync(async () => (await Index.TopicsAsync(OutputKind.Flashcards, default)).Count == 2, Deadline, "the new file in the index");
    }

    [Fact]
    public async Task TickAsync_StoreKeepsResults_IndexesThoseWithoutAFileAndPagesThroughAll()
    {
        _site.WriteFlashcards("cat", "local", [ReviewSite.Basic("c1", "From the file?", "Yes")]);
        var store = new FakeCompletions();
        for (var i = 0; i < CardIndexRefresher.PageSize + 5; i++)
        {
            store.Add($"cat/t{i:D3}.json", [ReviewSite.Basic("c1", $"Stored question {i}?", "Yes")]);
        }

        store.Add("cat/local.json", [ReviewSite.Basic("c1", "From the store?", "No")]);
        var refresher = NewRefresher(store);

        await refresher.TickAsync(default);
        store.Add("cat/later.json", [ReviewSite.Basic("c1", "Completed later?", "Yes")]);
        await refresher.TickAsync(default);

        var topics = await Index.TopicsAsync(OutputKind.Flashcards, default);
        Assert.Null(refresher.LastError);
        Assert.Equal(CardIndexRefresher.PageSize + 7, topics.Count);
        Assert.False(topics.Single(t => t.TopicPath == "cat/local.json").Stored);
        var later = topics.Single(t => t.TopicPath == "cat/later.json");
        Assert.True(later.Stored);
        Assert.Equal("Completed later?", Assert.Single((await Index.ReadOutputAsync(later, default)).Topic!.Cards).Front);
        Assert.Equal(1, (await Index.SearchAsync(OutputKind.Flashcards, "completed later", 0, 10, default)).Total);
        Assert.Equal(0, (await Index.SearchAsync(OutputKind.Flashcards, "from the store", 0, 10, default)).Total);
    }

    [Fact]
    public async Task TickAsync_StoreFails_StillFollowsTheFilesAndTriesTheStoreAgain()
    {
        _site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris")]);
        var store = new FakeCompletions { Failing = true };
        store.Add("cat/stored.json", [ReviewSite.Basic("c1", "Stored?", "Yes")]);
        var refresher = NewRefresher(store);

        await refresher.TickAsync(default);
        Assert.Contains("store away", refresher.LastError, StringComparison.Ordinal);
        Assert.Single(await Index.TopicsAsync(OutputKind.Flashcards, default));

        store.Failing = false;
        await refresher.TickAsync(default);
        Assert.Null(refresher.LastError);
        Assert.Equal(2, (await Index.TopicsAsync(OutputKind.Flashcards, default)).Count);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var refresher in _refreshers)
        {
            await refresher.DisposeAsync();
        }

        _index?.Dispose();
        await _site.DisposeAsync();
    }

    private CardIndexRefresher NewRefresher(IReviewStore? store = null)
    {
        var refresher = new CardIndexRefresher(Index, store, _time, Interval);
        _refreshers.Add(refresher);
        return refresher;
    }

    /// <summary>A store that kept the result of every completed topic, as PostgreSQL does for its workers.</summary>
    private sealed class FakeCompletions : IReviewStore
    {
        private readonly List<CompletedTopic> _completed = [];

        public bool Failing { get; set; }

        public void Add(string path, IReadOnlyList<Flashcard> cards)
        {
            var document = new FlashcardDocument(new TopicReference(path, path, "hash-1"), "flashcards", "exa", "test/model",
                DateTimeOffset.UnixEpoch, [new SourceDocument("S1", "https://example.org/", "Source", null)], cards, UsageSummary.Zero, 1);
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_completed.Count);
            _completed.Add(new CompletedTopic(OutputKind.Flashcards, path, "hash-1", "/elsewhere/" + path, at,
                JsonSerializer.Serialize(document, OutputJsonContext.Default.FlashcardDocument)));
        }

        public Task<IReadOnlyList<CompletedTopic>> GetCompletedSinceAsync(CompletionPosition since, int limit, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new InvalidOperationException("store away");
            }

            IReadOnlyList<CompletedTopic> page = _completed.Where(c => c.CompletedAt > since.CompletedAt).Take(limit).ToList();
            return Task.FromResult(page);
        }

        public Task SaveReviewAsync(CardReview review, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ClearReviewAsync(OutputKind mode, string topicPath, string cardId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<CardReview>> GetReviewsAsync(OutputKind mode, string? topicPath, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<CompletionMinute>> GetCompletionsPerMinuteAsync(DateTimeOffset since, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
