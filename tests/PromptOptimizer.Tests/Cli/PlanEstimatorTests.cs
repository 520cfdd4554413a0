using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Cli;

public sealed class PlanEstimatorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task LoadHistoryAsync_RunAndAdoptedTopics_CountsOnlyTheTopicsThatWereRun()
    {
        await using var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), _time);
        await store.InitializeAsync(default);
        await CompleteAsync(store, "cat/a.json", durationMs: 2000, cost: 0.010m);
        await CompleteAsync(store, "cat/b.json", durationMs: 4000, cost: 0.030m);
        await CompleteAsync(store, "prompts-only.json", durationMs: 9000, cost: 9m, OutputKind.Prompts);
        // A crash's output adopted by a later plan: no call was seen, so nothing is known of its cost or duration.
        await store.AdoptAsync(new TopicCompletion("cat/c.json", OutputKind.Flashcards, "h", "adopted", "adopted", "o", Start, 0, 0, 0, 0m), default);
        await store.FlushAsync(default);

        var history = await PlanEstimator.LoadHistoryAsync(store, RunVariant.FlashcardsWeb, default);

        Assert.Equal(2, history.Completed);
        Assert.Equal(0.040m, history.CostUsd);
        Assert.Equal(TimeSpan.FromSeconds(3), history.MeanDuration);
    }

    [Fact]
    public async Task LoadHistoryAsync_OnlyAdoptedTopics_HasNoHistory()
    {
        await using var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), _time);
        await store.InitializeAsync(default);
        await store.AdoptAsync(new TopicCompletion("cat/c.json", OutputKind.Flashcards, "h", "adopted", "adopted", "o", Start, 0, 0, 0, 0m), default);
        await store.FlushAsync(default);

        var history = await PlanEstimator.LoadHistoryAsync(store, RunVariant.FlashcardsWeb, default);

        Assert.Equal(0, history.Completed);
        Assert.Null(history.MeanDuration);
    }

    private static async Task CompleteAsync(SqliteCompletionStore store, string path, long durationMs, decimal cost, OutputKind mode = OutputKind.Flashcards)
    {
        Assert.True(await store.ClaimAsync(new TopicClaim(path, mode, "h", "run", "worker", Start), default));
        Assert.True(await store.CompleteAsync(new TopicCompletion(path, mode, "h", "run", "worker", "o", Start, durationMs, 10, 20, cost), default));
    }
}
