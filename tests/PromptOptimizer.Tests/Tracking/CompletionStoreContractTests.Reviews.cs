using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>The review page's decisions per card, its per-minute completion timeline and the completions the card index follows.</summary>
public abstract partial class CompletionStoreContractTests
{
    /// <summary>Whether the store keeps each completed topic's output document (PostgreSQL, for workers without a shared disk).</summary>
    protected virtual bool KeepsResults => false;

    private static CardReview Review(string path, string card, ReviewDecision decision = ReviewDecision.Accepted, string hash = "h1", string? front = null, string? back = null) =>
        new(OutputKind.Flashcards, path, card, hash, decision, front, back, Start.AddMinutes(1));

    [SkippableFact]
    public async Task SaveReviewAsync_SameCardTwice_KeepsTheLastDecisionAndItsEdits()
    {
        await using var store = await CreateStoreAsync();
        var reviews = store.Reviews!;

        await reviews.SaveReviewAsync(Review("cat/a.json", "c1"), default);
        await reviews.SaveReviewAsync(Review("cat/a.json", "c1", front: "new <front>", back: "new back"), default);
        await reviews.SaveReviewAsync(Review("cat/a.json", "c2", ReviewDecision.Rejected), default);
        await reviews.SaveReviewAsync(Review("cat/b.json", "c1", ReviewDecision.Rejected), default);
        await store.FlushAsync(default);

        var a = await reviews.GetReviewsAsync(OutputKind.Flashcards, "cat/a.json", default);
        Assert.Equal(["c1", "c2"], a.Select(r => r.CardId));
        Assert.Equal((ReviewDecision.Accepted, "new <front>", "new back"), (a[0].Decision, a[0].Front, a[0].Back));
        Assert.Equal(Start.AddMinutes(1), a[0].ReviewedAt);
        Assert.Equal(ReviewDecision.Rejected, a[1].Decision);
        Assert.Equal(3, (await reviews.GetReviewsAsync(OutputKind.Flashcards, null, default)).Count);
        Assert.Empty(await reviews.GetReviewsAsync(OutputKind.Unified, null, default));
    }

    [SkippableFact]
    public async Task ClearReviewAsync_ReviewedCard_RemovesOnlyThatDecision()
    {
        await using var store = await CreateStoreAsync();
        var reviews = store.Reviews!;
        await reviews.SaveReviewAsync(Review("cat/a.json", "c1"), default);
        await reviews.SaveReviewAsync(Review("cat/a.json", "c2"), default);

        Assert.True(await reviews.ClearReviewAsync(OutputKind.Flashcards, "cat/a.json", "c1", default));
        Assert.False(await reviews.ClearReviewAsync(OutputKind.Flashcards, "cat/a.json", "c1", default));

        Assert.Equal(["c2"], (await reviews.GetReviewsAsync(OutputKind.Flashcards, "cat/a.json", default)).Select(r => r.CardId));
    }

    [SkippableFact]
    public async Task GetReviewsAsync_TopicHashChanged_ReviewIsStale()
    {
        await using var store = await CreateStoreAsync();
        await store.Reviews!.SaveReviewAsync(Review("cat/a.json", "c1", hash: "h1"), default);

        var review = Assert.Single(await store.Reviews.GetReviewsAsync(OutputKind.Flashcards, "cat/a.json", default));

        Assert.False(review.IsStaleFor("h1"));
        Assert.True(review.IsStaleFor("h2"));
    }

    [SkippableFact]
    public async Task GetCompletionsPerMinuteAsync_CompletedTopics_GroupedByModeAndMinute()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/a.json", cost: 0.25m), default);
        await store.AdoptAsync(Completion("cat/b.json", cost: 0.5m), default);
        await store.AdoptAsync(Completion("cat/c.json", cost: 1m) with { CompletedAt = Start.AddMinutes(3) }, default);
        await store.AdoptAsync(Completion("cat/d.json", mode: OutputKind.Prompts, cost: 2m), default);
        await store.AdoptAsync(Completion("cat/old.json", cost: 9m) with { CompletedAt = Start.AddHours(-2) }, default);
        await store.FlushAsync(default);

        var minutes = await store.Reviews!.GetCompletionsPerMinuteAsync(Start.AddHours(-1), default);

        var first = Start.AddSeconds(30);
        var minute = new DateTimeOffset(first.Year, first.Month, first.Day, first.Hour, first.Minute, 0, TimeSpan.Zero);
        Assert.Equal(
            [("flashcards", minute, 2, 0.75m), ("prompts", minute, 1, 2m), ("flashcards", minute.AddMinutes(3), 1, 1m)],
            minutes.Select(m => (m.Mode, m.Minute, m.Completed, m.CostUsd)));
    }

    [SkippableFact]
    public async Task GetCompletedSinceAsync_PagedFromStart_EveryKeptResultOnceInCompletionOrder()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/b.json") with { ResultJson = Result(2) }, default);
        await store.AdoptAsync(Completion("cat/a.json") with { ResultJson = Result(1) }, default);
        await store.AdoptAsync(Completion("cat/a.json", mode: OutputKind.Prompts) with { ResultJson = Result(3) }, default);
        await store.AdoptAsync(Completion("cat/early.json") with { CompletedAt = Start, ResultJson = Result(0) }, default);
        await store.AdoptAsync(Completion("cat/no-result.json"), default);
        await store.ClaimAsync(Claim("cat/started.json"), default);
        await store.FlushAsync(default);

        var seen = new List<CompletedTopic>();
        var position = CompletionPosition.Start;
        while (await store.Reviews!.GetCompletedSinceAsync(position, 2, default) is { Count: > 0 } page)
        {
            seen.AddRange(page);
            position = page[^1].Position;
        }

        if (!KeepsResults)
        {
            Assert.Empty(seen);
            return;
        }

        Assert.Equal(
            [("flashcards", "cat/early.json", 0), ("flashcards", "cat/a.json", 1), ("flashcards", "cat/b.json", 2), ("prompts", "cat/a.json", 3)],
            seen.Select(t => (OutputKinds.NameOf(t.Mode), t.TopicPath, ResultNumber(t))));
        Assert.Equal((Start.AddSeconds(30), "h1", "out/cat/a.json"), (seen[1].CompletedAt, seen[1].ContentHash, seen[1].OutputPath));
    }

    [SkippableFact]
    public async Task GetCompletedSinceAsync_AfterTheLastPosition_OnlyLaterCompletions()
    {
        Skip.IfNot(KeepsResults, "this store keeps no results");
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/a.json") with { ResultJson = Result(1) }, default);
        await store.FlushAsync(default);
        var last = Assert.Single(await store.Reviews!.GetCompletedSinceAsync(CompletionPosition.Start, 100, default)).Position;

        await store.AdoptAsync(Completion("cat/b.json") with { CompletedAt = Start.AddMinutes(1), ResultJson = Result(2) }, default);
        await store.AdoptAsync(Completion("cat/a.json", hash: "h2") with { CompletedAt = Start.AddMinutes(2), ResultJson = Result(3) }, default);
        await store.FlushAsync(default);

        var later = await store.Reviews.GetCompletedSinceAsync(last, 100, default);

        Assert.Equal([("cat/b.json", "h1", 2), ("cat/a.json", "h2", 3)], later.Select(t => (t.TopicPath, t.ContentHash, ResultNumber(t))));
    }

    private static string Result(int n) => "{\"n\": " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";

    private static int ResultNumber(CompletedTopic topic)
    {
        using var document = System.Text.Json.JsonDocument.Parse(topic.ResultJson);
        return document.RootElement.GetProperty("n").GetInt32();
    }
}
