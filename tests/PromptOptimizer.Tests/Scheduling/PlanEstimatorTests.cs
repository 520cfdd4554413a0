using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Providers;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Scheduling;

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

    [Fact]
    public void Estimate_WithHistory_UsesItsMeanCostAndDuration()
    {
        var settings = new RunSettings { Variant = RunVariant.FlashcardsWeb, Concurrent = 2, BatchSize = 100, BatchDelaySeconds = 0 };

        var estimate = PlanEstimator.Estimate(new PlanHistory(4, 0.40m, TimeSpan.FromSeconds(10)), settings, PriceTable.Default, Plan(5));

        Assert.True(estimate.FromHistory);
        Assert.Equal(0.10m, estimate.CostPerTopic);
        Assert.Equal(0.50m, estimate.Cost);
        Assert.Equal(TimeSpan.FromSeconds(30), estimate.Duration); // three waves of two topics at 10 s each
    }

    [Fact]
    public void Estimate_WithoutHistory_UsesTypicalFiguresAndThePriceTable()
    {
        var settings = new RunSettings { Variant = RunVariant.FlashcardsWeb, Concurrent = 100, SearchResults = 5 };

        var estimate = PlanEstimator.Estimate(new PlanHistory(0, 0, null), settings, PriceTable.Default, Plan(3));

        Assert.False(estimate.FromHistory);
        Assert.Equal(TimeSpan.FromSeconds(20), estimate.PerTopic);
        Assert.Equal(PriceTable.Default.Estimate(settings.Model, 3000, 1500) + PriceTable.Default.WebSearchFee(5), estimate.CostPerTopic);
        Assert.Equal(estimate.CostPerTopic * 3, estimate.Cost);
    }

    [Theory]
    [InlineData(1000, 1000, 0.0, 5.0, 20)] // Exa's rate: 100 searches at 5 per second
    [InlineData(1000, 10, 3.0, 1000.0, 27)] // batch delays: 9 gaps of 3 s
    [InlineData(10, 100, 0.0, 1000.0, 100)] // waves: 10 of 10 topics at 10 s each
    public void Estimate_Duration_IsTheSlowestOfWavesBatchDelaysAndExaRate(int concurrent, int batchSize, double batchDelay, double exaQps, double expectedSeconds)
    {
        var settings = new RunSettings { Variant = RunVariant.FlashcardsExa, Concurrent = concurrent, BatchSize = batchSize, BatchDelaySeconds = batchDelay, ExaQps = exaQps };
        var history = new PlanHistory(1, 0.01m, TimeSpan.FromSeconds(10));

        var estimate = PlanEstimator.Estimate(history, settings, PriceTable.Default, Plan(100));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), estimate.Duration);
    }

    private static RunPlan Plan(int topics) => new([.. Enumerable.Range(0, topics).Select(i => $"cat/{i}.json")], 0, 0, 0, []);

    private static async Task CompleteAsync(SqliteCompletionStore store, string path, long durationMs, decimal cost, OutputKind mode = OutputKind.Flashcards)
    {
        Assert.True(await store.ClaimAsync(new TopicClaim(path, mode, "h", "run", "worker", Start), default));
        Assert.True(await store.CompleteAsync(new TopicCompletion(path, mode, "h", "run", "worker", "o", Start, durationMs, 10, 20, cost), default));
    }
}
