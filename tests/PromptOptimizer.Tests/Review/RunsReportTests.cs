using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Review;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Review;

public sealed class RunsReportTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 10, 30, TimeSpan.Zero);
    private readonly ReviewSite _site = new();

    [Fact]
    public async Task BuildAsync_RecentCompletions_GiveRateEtaAndProjectedCost()
    {
        await using var store = new SqliteCompletionStore(Path.Combine(_site.StateDir, "db.sqlite"), TimeProvider.System);
        await store.InitializeAsync(default);
        // Ten topics in the last five minutes at $0.10 each; the topics directory holds 30 in the category.
        for (var i = 0; i < 10; i++)
        {
            await store.AdoptAsync(new TopicCompletion($"cat/t{i}.json", OutputKind.Flashcards, "h", "run", "w", "out", Now.AddMinutes(-i / 3.0), 1, 0, 0, 0.10m), default);
        }

        await store.ClaimAsync(new TopicClaim("cat/t20.json", OutputKind.Flashcards, "h", "run", "w", Now, null), default);
        await store.FlushAsync(default);
        var topics = Path.Combine(_site.TopicsDir, "cat");
        Directory.CreateDirectory(topics);
        for (var i = 0; i < 30; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(topics, $"t{i}.json"), "{}");
        }

        var runs = await new RunsReport(store, _site.TopicsDir, new FakeTimeProvider(Now)).BuildAsync(default);

        var mode = Assert.Single(runs.Modes);
        Assert.Equal((10, 0, 19, 1, 1.0m), (mode.Completed, mode.Failed, mode.Pending, mode.InFlight, mode.CostUsd));
        Assert.Equal(10 / 4.5, mode.PerMinute, 2);
        Assert.Equal(Math.Round(20 / (10 / 4.5) * 60), mode.EtaSeconds);
        Assert.Equal(3.0m, mode.ProjectedCostUsd);
        var chart = Assert.Single(runs.Charts);
        Assert.Equal(chart.Minutes.Count, chart.Completed.Count);
        Assert.Equal(10, chart.Completed.Sum());
        Assert.Equal(1.0m, chart.CumulativeCostUsd[^1]);
    }

    [Fact]
    public async Task BuildAsync_NothingCompletedRecently_HasNoEta()
    {
        await using var store = new SqliteCompletionStore(Path.Combine(_site.StateDir, "db.sqlite"), TimeProvider.System);
        await store.InitializeAsync(default);
        await store.AdoptAsync(new TopicCompletion("cat/a.json", OutputKind.Prompts, "h", "run", "w", "out", Now.AddHours(-1), 1, 0, 0, 0.5m), default);
        await store.ClaimAsync(new TopicClaim("cat/b.json", OutputKind.Prompts, "h", "run", "w", Now, null), default);
        await store.FlushAsync(default);

        var mode = Assert.Single((await new RunsReport(store, _site.TopicsDir, new FakeTimeProvider(Now)).BuildAsync(default)).Modes);

        Assert.Equal(("prompts", 0.0), (mode.Mode, mode.PerMinute));
        Assert.Null(mode.EtaSeconds);
        Assert.Equal(1.0m, mode.ProjectedCostUsd);
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();
}
