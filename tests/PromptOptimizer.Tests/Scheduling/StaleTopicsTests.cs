using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.LocalSources;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.LocalSources;
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

        var stale = await StaleTopics.FindAsync(store, loader, null, default);

        var record = Assert.Single(stale);
        Assert.Equal(("c0/t00000.json", OutputKind.Prompts), (record.TopicPath, record.Mode));
    }

    [Fact]
    public async Task FindAsync_LocalSourcesTopic_CurrentUntilACitedFileChanges()
    {
        var library = SampleLibrary.CopyTo(_directory.Path);
        var state = _directory.File("state");
        var topics = _directory.File("topics");
        Directory.CreateDirectory(Path.Combine(topics, "c"));
        File.WriteAllText(Path.Combine(topics, "c", "tls.json"), """{"title":"TLS handshake","keywords":["tls"],"card_count":4,"search_query":"TLS 1.3 handshake key share certificate"}""");
        File.WriteAllText(Path.Combine(topics, "c", "sql.json"), """{"title":"SQL injection","keywords":["sql"],"card_count":4,"search_query":"sql injection parameterized queries prepared statements"}""");
        var (before, _) = await LocalLibrary.OpenAsync(library, state, new LocalSourceOptions(), default);
        await using var store = new SqliteCompletionStore(_directory.File(SqliteCompletionStore.DefaultFileName), new FakeTimeProvider(Start));
        await store.InitializeAsync(default);
        var grounded = new TopicLoader(topics, before.SourcesIdentity);
        await CompleteAsync(store, "c/tls.json", OutputKind.Flashcards, grounded.Load("c/tls.json").Topic!.ContentHash);
        await CompleteAsync(store, "c/sql.json", OutputKind.Flashcards, grounded.Load("c/sql.json").Topic!.ContentHash);
        await CompleteAsync(store, "c/sql.json", OutputKind.Prompts, new TopicLoader(topics).Load("c/sql.json").Topic!.ContentHash);
        await store.FlushAsync(default);

        var unchanged = await StaleTopics.FindAsync(store, new TopicLoader(topics), before.SourcesIdentity, default);
        var withoutLibrary = await StaleTopics.FindAsync(store, new TopicLoader(topics), null, default);
        var notes = Path.Combine(library, "crypto-notes.md");
        File.WriteAllText(notes, File.ReadAllText(notes).Replace("usually X25519", "usually X25519 or P-256", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(notes, DateTime.UtcNow.AddMinutes(1));
        var (after, _) = await LocalLibrary.OpenAsync(library, state, new LocalSourceOptions(), default);
        var citedFileChanged = await StaleTopics.FindAsync(store, new TopicLoader(topics), after.SourcesIdentity, default);

        Assert.Empty(unchanged);
        Assert.Equal(["c/sql.json", "c/tls.json"], withoutLibrary.Select(r => r.TopicPath).Order(StringComparer.Ordinal));
        var record = Assert.Single(citedFileChanged);
        Assert.Equal(("c/tls.json", OutputKind.Flashcards), (record.TopicPath, record.Mode));
    }

    private static async Task CompleteAsync(SqliteCompletionStore store, string path, OutputKind mode, string hash)
    {
        Assert.True(await store.ClaimAsync(new TopicClaim(path, mode, hash, "run", "worker", Start), default));
        Assert.True(await store.CompleteAsync(new TopicCompletion(path, mode, hash, "run", "worker", "o", Start, 1000, 10, 20, 0.01m), default));
    }
}
