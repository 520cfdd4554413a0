using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Cli;

/// <summary><c>--checkpoint-status</c> after a <c>--batch-api</c> run was stopped: the batches the next run will collect.</summary>
public sealed class CheckpointStatusBatchesTests : IDisposable
{
    private static readonly DateTimeOffset Submitted = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task CheckpointStatus_BatchesOutstanding_ListsEachWithIdOrIntentModelRequestsAndSubmittedAt()
    {
        await SeedAsync();

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--checkpoint-status"));

        var text = _cli.Output;
        Assert.Contains("CHECKPOINT STATUS", text, StringComparison.Ordinal);
        Assert.Contains("Outstanding provider batches (the next --batch-api run collects them):", text, StringComparison.Ordinal);
        Assert.Contains("  batch_7: in_progress, model-a, 2 requests (0 answered, 0 failed), submitted 2026-01-01 08:00:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("  intent, not yet accepted (po-run-2): model-b, 1 request, submitted 2026-01-01 08:00:00 UTC", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointStatus_Json_ListsTheBatchesUnderTheCheckpoint()
    {
        await SeedAsync();

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--checkpoint-status", "--json"));

        using var json = JsonDocument.Parse(_cli.Output);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("exa", entry.GetProperty("mode").GetString());
        var batches = entry.GetProperty("outstanding_batches").EnumerateArray().ToList();
        Assert.Equal(["batch_7", null], batches.Select(b => b.GetProperty("id").GetString()));
        Assert.Equal([2, 1], batches.Select(b => b.GetProperty("requests").GetInt32()));
        Assert.Equal(Submitted, batches[0].GetProperty("submitted_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task CheckpointStatus_NoStoreYet_ShowsNoCheckpointsAndNoStoreMessage()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--checkpoint-status"));

        Assert.StartsWith("No checkpoints in", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Outstanding", _cli.Output, StringComparison.Ordinal);
        Assert.Equal("", _cli.Error.ToString());
    }

    /// <summary>A flashcards checkpoint and a store with one submitted batch and one intent the provider never confirmed.</summary>
    private async Task SeedAsync()
    {
        Directory.CreateDirectory(_cli.StateDir);
        await CheckpointFile.WriteAsync(CheckpointFile.PathFor(_cli.StateDir, RunVariant.FlashcardsExa),
            new Checkpoint("run-1", RunVariant.FlashcardsExa, ["--flashcards", "--batch-api"], Submitted, Submitted, 10, 4, 0, 0, 6, 1, 1, false, 0m), default);
        await using var store = new SqliteCompletionStore(Path.Combine(_cli.StateDir, SqliteCompletionStore.DefaultFileName), TimeProvider.System);
        await store.InitializeAsync(default);
        await store.Batches.RecordIntentAsync(new BatchIntent("po-run-1", "model-a", ["a1", "a2"], 0.01m, Submitted), default);
        await store.Batches.RecordSubmittedAsync("po-run-1", "batch_7", "in_progress", Submitted, default);
        await store.Batches.RecordIntentAsync(new BatchIntent("po-run-2", "model-b", ["b1"], 0.01m, Submitted), default);
    }
}
