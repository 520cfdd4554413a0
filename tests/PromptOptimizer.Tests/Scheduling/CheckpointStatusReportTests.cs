using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary><c>--checkpoint-status</c>: the checkpoints of the state directory and the provider batches the store has not collected.</summary>
public sealed class CheckpointStatusReportTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task BuildAsync_RunStoppedWithBatchesOutstanding_ListsThemWithEveryCheckpoint()
    {
        await WriteCheckpointAsync(RunVariant.FlashcardsExa);
        await WriteCheckpointAsync(RunVariant.Prompts);
        await using var store = await StoreAsync();
        await store.Batches.RecordIntentAsync(new BatchIntent("po-run-1", "model-a", ["a1", "a2", "a3"], 0.01m, Start), default);
        await store.Batches.RecordSubmittedAsync("po-run-1", "batch_7", "in_progress", Start, default);
        await store.Batches.RecordIntentAsync(new BatchIntent("po-run-2", "model-b", ["b1"], 0.01m, Start.AddSeconds(30)), default);
        _time.Advance(TimeSpan.FromMinutes(2));

        var report = await CheckpointStatusReport.BuildAsync(_directory.Path, null, store.Batches, _time, default);

        Assert.Equal(["exa", "prompts"], report.Checkpoints.Select(c => c.Mode).Order());
        Assert.Equal(
            [new BatchEntry("batch_7", "po-run-1", "in_progress", "model-a", 3, 0, 0, 120, Start), new BatchEntry(null, "po-run-2", RecordedBatch.Intent, "model-b", 1, 0, 0, 90, Start.AddSeconds(30))],
            report.OutstandingBatches);
        Assert.All(report.Checkpoints, c => Assert.Equal(report.OutstandingBatches, c.OutstandingBatches));
    }

    [Fact]
    public async Task BuildAsync_OneModeAndNoStore_ReadsOnlyThatCheckpointAndListsNoBatches()
    {
        await WriteCheckpointAsync(RunVariant.FlashcardsExa);
        await WriteCheckpointAsync(RunVariant.Prompts);

        var report = await CheckpointStatusReport.BuildAsync(_directory.Path, RunVariant.Prompts, null, _time, default);

        var entry = Assert.Single(report.Checkpoints);
        Assert.Equal(("prompts", 10), (entry.Mode, entry.Checkpoint!.Total));
        Assert.Empty(report.OutstandingBatches);
        Assert.Empty(entry.OutstandingBatches);
    }

    [Fact]
    public async Task BuildAsync_BatchesCollected_ListsNone()
    {
        await using var store = await StoreAsync();
        await store.Batches.RecordIntentAsync(new BatchIntent("po-run-1", "model-a", ["a1"], 0.01m, Start), default);
        await store.Batches.RecordSubmittedAsync("po-run-1", "batch_7", "in_progress", Start, default);
        await store.Batches.UpdateBatchAsync("po-run-1", RecordedBatch.Collected, 1, 0, Start, default);

        var report = await CheckpointStatusReport.BuildAsync(_directory.Path, null, store.Batches, _time, default);

        Assert.Empty(report.Checkpoints);
        Assert.Empty(report.OutstandingBatches);
    }

    [Fact]
    public void Describe_SubmittedBatch_NamesIdStatusModelRequestsAndWhenSubmitted()
    {
        var entry = new BatchEntry("batch_7", "po-run-1", "in_progress", "model-a", 3, 1, 0, 120, Start);

        Assert.Equal("batch_7: in_progress, model-a, 3 requests (1 answered, 0 failed), submitted 2026-01-01 08:00:00 UTC, 120s ago", entry.Describe());
    }

    [Fact]
    public void Describe_IntentOnly_SaysItIsNotYetAcceptedAndNamesItsLabel()
    {
        var entry = new BatchEntry(null, "po-run-2", RecordedBatch.Intent, "model-b", 1, 0, 0, 90, Start);

        Assert.Equal("intent, not yet accepted (po-run-2): model-b, 1 request, submitted 2026-01-01 08:00:00 UTC, 90s ago", entry.Describe());
    }

    private async Task<SqliteCompletionStore> StoreAsync()
    {
        var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), _time);
        await store.InitializeAsync(default);
        return store;
    }

    private Task WriteCheckpointAsync(RunVariant variant) =>
        CheckpointFile.WriteAsync(CheckpointFile.PathFor(_directory.Path, variant),
            new Checkpoint("run-1", variant, [], Start, Start, 10, 4, 0, 0, 6, 1, 2, false, 0m), default);
}
