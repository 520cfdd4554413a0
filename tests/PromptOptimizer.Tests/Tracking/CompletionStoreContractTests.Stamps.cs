using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>Topic file stamps and the planner's per-category read.</summary>
public abstract partial class CompletionStoreContractTests
{
    private static readonly TopicFileStamp StampA = new(1234, 638_000_000_000_000_001);
    private static readonly TopicFileStamp StampB = new(999, 638_000_000_000_000_002);

    [SkippableFact]
    public async Task CompleteAndAdoptAsync_WithStamp_StoredWithTheRowAndNullWhenAbsent()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);

        Assert.True(await store.CompleteAsync(Completion("cat/a.json") with { TopicStamp = StampA }, default));
        await store.AdoptAsync(Completion("cat/b.json") with { TopicStamp = StampB }, default);
        await store.AdoptAsync(Completion("cat/c.json"), default);

        Assert.Equal(StampA, (await SingleAsync(store, "cat/a.json")).TopicStamp);
        Assert.Equal(StampB, (await SingleAsync(store, "cat/b.json")).TopicStamp);
        Assert.Null((await SingleAsync(store, "cat/c.json")).TopicStamp);
    }

    [SkippableFact]
    public async Task AdoptAsync_OverStampedRowWithoutStamp_ClearsTheOldStamp()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/a.json") with { TopicStamp = StampA }, default);

        await store.AdoptAsync(Completion("cat/a.json", hash: "h2"), default);

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal("h2", row.ContentHash);
        Assert.Null(row.TopicStamp);
    }

    [SkippableFact]
    public async Task RestampAsync_OnlyCompletedRowsOfThatHash_GetTheStamp()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/done.json"), default);
        await store.AdoptAsync(Completion("cat/other.json", hash: "h2"), default);
        await store.ClaimAsync(Claim("cat/started.json"), default);

        await store.RestampAsync(OutputKind.Flashcards, "cat/done.json", "h1", StampA, default);
        await store.RestampAsync(OutputKind.Flashcards, "cat/other.json", "h1", StampA, default);
        await store.RestampAsync(OutputKind.Flashcards, "cat/started.json", "h1", StampA, default);
        await store.RestampAsync(OutputKind.Prompts, "cat/done.json", "h1", StampB, default);

        Assert.Equal(StampA, (await SingleAsync(store, "cat/done.json")).TopicStamp);
        Assert.Null((await SingleAsync(store, "cat/other.json")).TopicStamp);
        Assert.Null((await SingleAsync(store, "cat/started.json")).TopicStamp);
    }

    [SkippableFact]
    public async Task GetCategoryStatesAsync_NeighbouringCategoryNames_ReturnsOnlyThatCategoryAndMode()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/a.json") with { TopicStamp = StampA }, default);
        await store.ClaimAsync(Claim("cat/b.json", hash: "hb"), default);
        await store.AdoptAsync(Completion("cat/a.json", mode: OutputKind.Prompts), default);
        foreach (var neighbour in new[] { "cat-x/a.json", "cat_x/a.json", "cat0/a.json", "ca/a.json", "catz/a.json" })
        {
            await store.AdoptAsync(Completion(neighbour), default);
        }

        var states = await store.GetCategoryStatesAsync(OutputKind.Flashcards, "cat", default);

        Assert.Equal(["cat/a.json", "cat/b.json"], states.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new TopicState("cat/a.json", TopicStatus.Completed, "h1", StampA), states["cat/a.json"]);
        Assert.Equal(new TopicState("cat/b.json", TopicStatus.Started, "hb", null), states["cat/b.json"]);
        Assert.Empty(await store.GetCategoryStatesAsync(OutputKind.Unified, "cat", default));
    }
}
