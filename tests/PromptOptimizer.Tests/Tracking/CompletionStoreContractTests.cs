using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>
/// The behaviour every <see cref="ICompletionStore"/> must have. A subclass supplies a fresh, empty, initialized
/// store that reads the clock from <see cref="Time"/>; store-specific checks belong in the subclass.
/// </summary>
public abstract partial class CompletionStoreContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A new, empty, initialized store using <see cref="Time"/>; the test disposes it.</summary>
    internal abstract Task<ICompletionStore> CreateStoreAsync();

    [SkippableFact]
    public async Task ClaimAsync_NewTopic_StartsRowWithOneAttempt()
    {
        await using var store = await CreateStoreAsync();
        var lease = Start.AddMinutes(5);

        Assert.True(await store.ClaimAsync(Claim("cat/a.json", lease: lease), default));

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal(TopicStatus.Started, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("run-1", row.RunId);
        Assert.Equal("w1", row.WorkerId);
        Assert.Equal("h1", row.ContentHash);
        Assert.Equal(Start, row.StartedAt);
        Assert.Equal(lease, row.LeaseUntil);
        Assert.Null(row.CompletedAt);
    }

    [SkippableFact]
    public async Task ClaimAsync_CompletedWithSameHash_ReturnsFalseAndChangesNothing()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        await store.CompleteAsync(Completion("cat/a.json"), default);
        var before = await SingleAsync(store, "cat/a.json");

        Assert.False(await store.ClaimAsync(Claim("cat/a.json", run: "run-2"), default));

        Assert.Equal(before, await SingleAsync(store, "cat/a.json"));
    }

    [SkippableFact]
    public async Task ClaimAsync_CompletedWithChangedHash_StartsAgainAndCountsAttempt()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        await store.CompleteAsync(Completion("cat/a.json"), default);

        Assert.True(await store.ClaimAsync(Claim("cat/a.json", run: "run-2", hash: "h2"), default));

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal(TopicStatus.Started, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Equal("run-2", row.RunId);
        Assert.Equal("h2", row.ContentHash);
    }

    [SkippableFact]
    public async Task ClaimAsync_OtherWorkersUnexpiredLease_ReturnsFalseAndChangesNothing()
    {
        await using var store = await CreateStoreAsync();
        // Far ahead: a store may judge leases by its own clock (PostgreSQL's), not this test's.
        await store.ClaimAsync(Claim("cat/a.json", worker: "w1", lease: Start.AddYears(100)), default);

        Assert.False(await store.ClaimAsync(Claim("cat/a.json", run: "run-2", worker: "w2", lease: Start.AddYears(100)), default));

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal("w1", row.WorkerId);
        Assert.Equal(1, row.Attempts);
    }

    [SkippableFact]
    public async Task ClaimAsync_OtherWorkersExpiredLease_TakesTheTopic()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json", worker: "w1", lease: Start.AddMinutes(5)), default);
        Time.Advance(TimeSpan.FromMinutes(6));

        Assert.True(await store.ClaimAsync(Claim("cat/a.json", run: "run-2", worker: "w2", lease: Start.AddMinutes(11)), default));

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal("w2", row.WorkerId);
        Assert.Equal("run-2", row.RunId);
        Assert.Equal(2, row.Attempts);
    }

    [SkippableFact]
    public async Task ClaimAsync_OtherWorkerWithoutLease_TakesTheTopic()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json", worker: "w1"), default);

        Assert.True(await store.ClaimAsync(Claim("cat/a.json", run: "run-2", worker: "w2"), default));

        Assert.Equal("w2", (await SingleAsync(store, "cat/a.json")).WorkerId);
    }

    [SkippableFact]
    public async Task ClaimAsync_SameTopicOtherMode_IsTrackedSeparately()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        await store.CompleteAsync(Completion("cat/a.json"), default);

        Assert.True(await store.ClaimAsync(Claim("cat/a.json", mode: OutputKind.Prompts), default));

        Assert.Equal(TopicStatus.Completed, (await SingleAsync(store, "cat/a.json")).Status);
        Assert.Equal(TopicStatus.Started, (await SingleAsync(store, "cat/a.json", OutputKind.Prompts)).Status);
    }

    [SkippableFact]
    public async Task CompleteAsync_Holder_CompletesClearsErrorAndAddsUsage()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        await store.FailAsync(Failure("cat/a.json", prompt: 10, completion: 1, cost: 0.5m), default);
        await store.ClaimAsync(Claim("cat/a.json", run: "run-2"), default);

        var done = Completion("cat/a.json", run: "run-2", prompt: 100, completion: 20, cost: 0.123456789m) with { ResultJson = "{\"x\":1}" };
        Assert.True(await store.CompleteAsync(done, default));

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal(TopicStatus.Completed, row.Status);
        Assert.Null(row.LastError);
        Assert.Null(row.ErrorKind);
        Assert.Equal("out/cat/a.json", row.OutputPath);
        Assert.Equal(Start.AddSeconds(30), row.CompletedAt);
        Assert.Equal(1234, row.DurationMs);
        Assert.Equal(110, row.PromptTokens);
        Assert.Equal(21, row.CompletionTokens);
        Assert.Equal(0.623456789m, row.CostUsd);
        Assert.Equal(2, row.Attempts);
    }

    [SkippableFact]
    public async Task CompleteAsync_OtherRunOrWorker_ReturnsFalseAndChangesNothing()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        var before = await SingleAsync(store, "cat/a.json");

        Assert.False(await store.CompleteAsync(Completion("cat/a.json", run: "run-2"), default));
        Assert.False(await store.CompleteAsync(Completion("cat/a.json", worker: "w2"), default));
        Assert.False(await store.CompleteAsync(Completion("cat/unknown.json"), default));

        Assert.Equal(before, await SingleAsync(store, "cat/a.json"));
        Assert.Empty(await store.GetAsync(OutputKind.Flashcards, ["cat/unknown.json"], default));
    }

    [SkippableFact]
    public async Task CompleteAsync_AfterLeaseTakenOver_ReturnsFalse()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json", worker: "w1", lease: Start.AddMinutes(1)), default);
        Time.Advance(TimeSpan.FromMinutes(2));
        await store.ClaimAsync(Claim("cat/a.json", run: "run-2", worker: "w2", lease: Start.AddMinutes(3)), default);

        Assert.False(await store.CompleteAsync(Completion("cat/a.json", worker: "w1"), default));
        Assert.True(await store.CompleteAsync(Completion("cat/a.json", run: "run-2", worker: "w2"), default));
    }

    [SkippableFact]
    public async Task AdoptAsync_WithoutRowOrHeldByOthers_CompletesUnconditionally()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/held.json", worker: "w9", lease: Start.AddHours(1)), default);

        await store.AdoptAsync(Completion("cat/new.json", cost: 0.25m), default);
        await store.AdoptAsync(Completion("cat/held.json"), default);

        var fresh = await SingleAsync(store, "cat/new.json");
        Assert.Equal(TopicStatus.Completed, fresh.Status);
        Assert.Equal(0, fresh.Attempts);
        Assert.Equal(0.25m, fresh.CostUsd);
        Assert.Equal("h1", fresh.ContentHash);
        var held = await SingleAsync(store, "cat/held.json");
        Assert.Equal(TopicStatus.Completed, held.Status);
        Assert.Null(held.LeaseUntil);
    }

    [SkippableFact]
    public async Task FailAsync_Holder_MarksFailedWithReasonAndAddsUsage()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);

        await store.FailAsync(Failure("cat/a.json", prompt: 7, completion: 3, cost: 0.000000001m), default);
        await store.ClaimAsync(Claim("cat/a.json"), default);
        await store.FailAsync(Failure("cat/a.json", prompt: 7, completion: 3, cost: 0.000000001m) with { Error = "second" }, default);

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal(TopicStatus.Failed, row.Status);
        Assert.Equal("second", row.LastError);
        Assert.Equal("Validation", row.ErrorKind);
        Assert.Equal(14, row.PromptTokens);
        Assert.Equal(6, row.CompletionTokens);
        Assert.Equal(0.000000002m, row.CostUsd);
        Assert.Equal(2, row.Attempts);
    }

    [SkippableFact]
    public async Task FailAsync_NotHolder_ChangesNothing()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        var before = await SingleAsync(store, "cat/a.json");

        await store.FailAsync(Failure("cat/a.json", run: "run-2"), default);
        await store.FailAsync(Failure("cat/a.json", worker: "w2"), default);

        Assert.Equal(before, await SingleAsync(store, "cat/a.json"));
    }

    [SkippableFact]
    public async Task ReleaseAsync_HoldingRun_ReturnsToPending_OtherRun_ChangesNothing()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        await store.ClaimAsync(Claim("cat/b.json"), default);

        await store.ReleaseAsync(OutputKind.Flashcards, "cat/a.json", "run-1", default);
        await store.ReleaseAsync(OutputKind.Flashcards, "cat/b.json", "run-other", default);

        Assert.Equal(TopicStatus.Pending, (await SingleAsync(store, "cat/a.json")).Status);
        Assert.Equal(TopicStatus.Started, (await SingleAsync(store, "cat/b.json")).Status);
    }

    [SkippableFact]
    public async Task ResetAsync_OneMode_PendingClearsErrorKeepsAttempts()
    {
        await using var store = await CreateStoreAsync();
        await store.ClaimAsync(Claim("cat/a.json"), default);
        await store.FailAsync(Failure("cat/a.json"), default);
        await store.AdoptAsync(Completion("cat/a.json", mode: OutputKind.Prompts), default);

        Assert.Equal(1, await store.ResetAsync(OutputKind.Flashcards, "cat/a.json", default));

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal(TopicStatus.Pending, row.Status);
        Assert.Null(row.LastError);
        Assert.Null(row.ErrorKind);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(TopicStatus.Completed, (await SingleAsync(store, "cat/a.json", OutputKind.Prompts)).Status);
    }

    [SkippableFact]
    public async Task ResetAsync_AllModes_ResetsEveryModeAndCountsOnlyChangedRows()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/a.json"), default);
        await store.AdoptAsync(Completion("cat/a.json", mode: OutputKind.Unified), default);

        Assert.Equal(2, await store.ResetAsync(null, "cat/a.json", default));
        Assert.Equal(0, await store.ResetAsync(null, "cat/a.json", default));
        Assert.Equal(0, await store.ResetAsync(null, "cat/missing.json", default));

        Assert.Equal(TopicStatus.Pending, (await SingleAsync(store, "cat/a.json", OutputKind.Unified)).Status);
        Assert.True(await store.ClaimAsync(Claim("cat/a.json"), default));
    }

    [SkippableFact]
    public async Task HeartbeatAsync_ExtendsOnlyThatWorkersStartedLeasesOnTheGivenTopics()
    {
        await using var store = await CreateStoreAsync();
        var oldLease = Start.AddMinutes(1);
        await store.ClaimAsync(Claim("cat/a.json", worker: "w1", lease: oldLease), default);
        await store.ClaimAsync(Claim("cat/b.json", worker: "w2", lease: oldLease), default);
        await store.ClaimAsync(Claim("cat/c.json", worker: "w1", lease: oldLease), default);
        await store.ClaimAsync(Claim("cat/d.json", worker: "w1", lease: oldLease), default);
        await store.CompleteAsync(Completion("cat/c.json", worker: "w1"), default);

        await store.HeartbeatAsync("w1", ["cat/a.json", "cat/b.json", "cat/c.json"], TimeSpan.FromMinutes(10), default);

        Assert.True((await SingleAsync(store, "cat/a.json")).LeaseUntil >= Start.AddMinutes(10));
        Assert.Equal(oldLease, (await SingleAsync(store, "cat/b.json")).LeaseUntil);
        Assert.Null((await SingleAsync(store, "cat/c.json")).LeaseUntil);
        Assert.Equal(oldLease, (await SingleAsync(store, "cat/d.json")).LeaseUntil);
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(await store.ClaimAsync(Claim("cat/a.json", run: "run-2", worker: "w3", lease: Start.AddMinutes(20)), default));
        Assert.True(await store.ClaimAsync(Claim("cat/b.json", run: "run-2", worker: "w3", lease: Start.AddMinutes(20)), default));
    }

    [SkippableFact]
    public async Task ClearAsync_RemovesRowsAndAttempts()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("cat/a.json"), default);
        await store.RecordAttemptAsync(Attempt("cat/a.json", "generate"), default);

        await store.ClearAsync(default);

        Assert.Empty(await store.QueryAsync(new TopicQuery(), default));
        Assert.Empty(await store.GetAttemptsAsync(null, "cat/a.json", default));
        Assert.Empty(await store.SummarizeAsync(default));
    }
}
