using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class StaleTopicsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task FindAsync_CompletedTopicWhoseFileChanged_IsStaleInItsModeOnly()
    {
        var topics = TopicFiles.Create(_directory.Path, 2, categories: 1);
        var loader = new TopicLoader(topics);
        await using var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), new FakeTimeProvider(Start));
        await store.InitializeAsync(default);
        foreach (var path in new[] { "c0/t00000.json", "c0/t00001.json" })
        {
            await CompleteAsync(store, path, OutputKind.Flashcards, loader.Load(path).Topic!.ContentHash);
        }

        await CompleteAsync(store, "c0/t00000.json", OutputKind.Prompts, "an older version");
        await CompleteAsync(store, "c0/gone.json", OutputKind.Prompts, "deleted since");
        await store.FlushAsync(default);

        var stale = await StaleTopics.FindAsync(store, loader, default);

        var record = Assert.Single(stale);
        Assert.Equal(("c0/t00000.json", OutputKind.Prompts), (record.TopicPath, record.Mode));
    }

    private static async Task CompleteAsync(SqliteCompletionStore store, string path, OutputKind mode, string hash)
    {
        Assert.True(await store.ClaimAsync(new TopicClaim(path, mode, hash, "run", "worker", Start), default));
        Assert.True(await store.CompleteAsync(new TopicCompletion(path, mode, hash, "run", "worker", "o", Start, 1000, 10, 20, 0.01m), default));
    }
}
