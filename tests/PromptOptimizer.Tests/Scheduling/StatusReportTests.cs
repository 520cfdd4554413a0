using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class StatusReportTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task BuildAsync_CompletedFailedAndEditedTopics_CountsThemAndNamesTheStaleOne()
    {
        var topics = TopicFiles.Create(_directory.Path, 3, categories: 1);
        var loader = new TopicLoader(topics);
        var time = new FakeTimeProvider(Start);
        await using var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), time);
        await store.InitializeAsync(default);
        await CompleteAsync(store, "c0/t00000.json", loader.Load("c0/t00000.json").Topic!.ContentHash);
        await CompleteAsync(store, "c0/t00001.json", "an older version");
        Assert.True(await store.ClaimAsync(new TopicClaim("c0/t00002.json", OutputKind.Flashcards, "h", "run", "worker", Start), default));
        await store.FailAsync(new TopicFailure("c0/t00002.json", OutputKind.Flashcards, "h", "run", "worker", "Transient", "boom", Start, 10, 0, 0, 0m), default);
        await store.FlushAsync(default);

        var report = await StatusReport.BuildAsync(store, topics, null, time, default);

        Assert.Equal(2, report.Rows.Where(r => r.Status == "completed").Sum(r => r.Count));
        Assert.Equal(1, report.Rows.Where(r => r.Status == "failed").Sum(r => r.Count));
        Assert.All(report.Rows, r => Assert.Equal(("flashcards", "c0"), (r.Mode, r.Category)));
        Assert.Equal(new StaleEntry("c0/t00001.json", "flashcards"), Assert.Single(report.Stale));
        Assert.Null(report.Workers);
        Assert.Empty(report.OutstandingBatches);
    }

    [Fact]
    public async Task BuildAsync_NoTopicsFolder_ReportsNoStaleTopics()
    {
        var time = new FakeTimeProvider(Start);
        await using var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), time);
        await store.InitializeAsync(default);
        await CompleteAsync(store, "c0/t00000.json", "hash");
        await store.FlushAsync(default);

        var report = await StatusReport.BuildAsync(store, _directory.File("no-such-folder"), null, time, default);

        Assert.Empty(report.Stale);
        Assert.Equal(1, Assert.Single(report.Rows).Count);
    }

    [Fact]
    public async Task InspectReport_BuildAsync_TopicWithCalls_ListsItsRowAndEveryCall()
    {
        var time = new FakeTimeProvider(Start);
        await using var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), time);
        await store.InitializeAsync(default);
        await CompleteAsync(store, "c0/t00000.json", "hash");
        await store.RecordAttemptAsync(new AttemptRecord("c0/t00000.json", OutputKind.Flashcards, "run", "generate:openrouter", 200, null, 10, 20, 0.01m, 150, Start, "{}", "{\"ok\":1}"), default);
        await store.RecordAttemptAsync(new AttemptRecord("c0/t00001.json", OutputKind.Flashcards, "run", "generate:openrouter", 500, "other topic", 0, 0, 0m, 5, Start), default);
        await store.FlushAsync(default);

        var report = await InspectReport.BuildAsync(store, new OutputPaths(_directory.File("out")), null, "c0/t00000.json", default);

        var record = Assert.Single(report.Records);
        Assert.Equal(("flashcards", "completed"), (record.Mode, record.Status));
        Assert.Empty(record.Sources); // no output file to read them from
        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(("generate:openrouter", 200, "{\"ok\":1}"), (attempt.Stage, attempt.StatusCode, attempt.RawAnswer));
    }

    private static async Task CompleteAsync(SqliteCompletionStore store, string path, string hash)
    {
        Assert.True(await store.ClaimAsync(new TopicClaim(path, OutputKind.Flashcards, hash, "run", "worker", Start), default));
        Assert.True(await store.CompleteAsync(new TopicCompletion(path, OutputKind.Flashcards, hash, "run", "worker", "o", Start, 1000, 10, 20, 0.01m), default));
    }
}
