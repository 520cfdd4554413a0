using Microsoft.Data.Sqlite;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Tracking.Sqlite;

/// <summary>The contract on SQLite, plus what only a file database has: corrupt files, reopening, batching.</summary>
public sealed class SqliteCompletionStoreTests : CompletionStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File(SqliteCompletionStore.DefaultFileName);

    public void Dispose() => _directory.Dispose();

    internal override async Task<ICompletionStore> CreateStoreAsync() => await OpenAsync(_directory.File(Guid.NewGuid().ToString("N") + ".db"));

    [Fact]
    public async Task InitializeAsync_NotSqliteFile_ThrowsNamingPathAndLeavesFileUntouched()
    {
        var bytes = "this is a checkpoint, not a database; it must survive intact"u8.ToArray().Concat(new byte[4000]).ToArray();
        await File.WriteAllBytesAsync(DatabasePath, bytes);
        await using var store = new SqliteCompletionStore(DatabasePath, Time);

        var error = await Assert.ThrowsAsync<CompletionStoreException>(() => store.InitializeAsync(default));

        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid completion database", error.Message, StringComparison.Ordinal);
        Assert.Equal(DatabasePath, error.DatabasePath);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(DatabasePath));
    }

    [Fact]
    public async Task InitializeAsync_OtherToolsSqliteDatabase_ThrowsAndKeepsItsTables()
    {
        await using (var foreign = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await foreign.OpenAsync();
            using var create = foreign.CreateCommand();
            create.CommandText = "CREATE TABLE completed_topics (path TEXT); INSERT INTO completed_topics VALUES ('x');";
            await create.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteCompletionStore(DatabasePath, Time);
        var error = await Assert.ThrowsAsync<CompletionStoreException>(() => store.InitializeAsync(default));

        Assert.Contains("not a valid completion database", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM completed_topics;"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'topics';"));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_ThrowsWithoutMigrating()
    {
        await (await OpenAsync(DatabasePath)).DisposeAsync();
        await ScalarAsync("UPDATE schema_version SET version = 99;");
        await using var store = new SqliteCompletionStore(DatabasePath, Time);

        var error = await Assert.ThrowsAsync<CompletionStoreException>(() => store.InitializeAsync(default));

        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.Equal(99L, await ScalarAsync("SELECT version FROM schema_version;"));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesCurrentVersionInWalMode()
    {
        await (await OpenAsync(DatabasePath)).DisposeAsync();

        Assert.Equal((long)SqliteSchema.CurrentVersion, await ScalarAsync("SELECT version FROM schema_version;"));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_topics_mode_status';"));
    }

    [Fact]
    public async Task InitializeAsync_VersionOneFile_MigratesKeepingRowsAndDroppingResultCopies()
    {
        await using (var store = await OpenAsync(DatabasePath))
        {
            await store.AdoptAsync(Completion("cat/a.json", cost: 0.25m), default);
        }

        // Back to what version 1 looked like: no stamp columns, a copy of the output in result_json, no review or batch tables.
        await ScalarAsync("DROP TABLE card_reviews; DROP INDEX ix_topics_completed_at; DROP TABLE provider_batches; DROP TABLE batch_requests;");
        await ScalarAsync("ALTER TABLE topics DROP COLUMN topic_mtime; ALTER TABLE topics DROP COLUMN topic_size; UPDATE topics SET result_json = '{\"cards\":[]}'; UPDATE schema_version SET version = 1;");
        await using var reopened = await OpenAsync(DatabasePath);
        await reopened.AdoptAsync(Completion("cat/b.json") with { TopicStamp = new TopicFileStamp(10, 20) }, default);

        Assert.Equal((long)SqliteSchema.CurrentVersion, await ScalarAsync("SELECT version FROM schema_version;"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM topics WHERE result_json IS NOT NULL;"));
        var rows = await reopened.GetAsync(OutputKind.Flashcards, ["cat/a.json", "cat/b.json"], default);
        Assert.Equal(0.25m, rows["cat/a.json"].CostUsd);
        Assert.Null(rows["cat/a.json"].TopicStamp);
        Assert.Equal(new TopicFileStamp(10, 20), rows["cat/b.json"].TopicStamp);
    }

    [Fact]
    public async Task DisposeAsync_QueuedWrites_AreAppliedAndSurviveReopen()
    {
        var store = await OpenAsync(DatabasePath);
        var writes = Enumerable.Range(0, 500).Select(i => store.AdoptAsync(Completion($"cat/{i}.json", cost: 0.000000001m), default)).ToArray();
        await store.DisposeAsync();
        await using var reopened = await OpenAsync(DatabasePath);

        await Task.WhenAll(writes);

        var summary = Assert.Single(await reopened.SummarizeAsync(default));
        Assert.Equal(500, summary.Count);
        Assert.Equal(0.0000005m, summary.CostUsd);
        Assert.True(await reopened.ClaimAsync(Claim("cat/new.json"), default));
    }

    [Fact]
    public async Task ConcurrentWrites_ManyCallers_AreBatchedIntoFewTransactions()
    {
        await using var store = (SqliteCompletionStore)await OpenAsync(DatabasePath);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.Task;
            await store.RecordAttemptAsync(Attempt($"cat/{i}.json", "generate"), default);
        }).ToArray();

        gate.SetResult();
        await Task.WhenAll(writes);

        Assert.InRange(store.BatchesCommitted, 4, 999);
        Assert.Equal(1000L, await ScalarAsync("SELECT count(*) FROM attempts;"));
    }

    [Fact]
    public async Task ReadsDuringWrites_ManyConcurrentReaders_AllSucceed()
    {
        await using var store = await OpenAsync(DatabasePath);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.Task;
            await store.AdoptAsync(Completion($"cat/{i}.json"), default);
        });
        var reads = Enumerable.Range(0, 200).Select(async i =>
        {
            await gate.Task;
            var rows = await store.GetAsync(OutputKind.Flashcards, [$"cat/{i}.json"], default);
            return (await store.SummarizeAsync(default)).Sum(r => r.Count) + rows.Count;
        });

        var all = writes.ToArray();
        var readers = reads.ToArray();
        gate.SetResult();
        await Task.WhenAll(all);
        var seen = await Task.WhenAll(readers);

        Assert.All(seen, n => Assert.InRange(n, 0, 1001));
        Assert.Equal(1000, (await store.SummarizeAsync(default)).Sum(r => r.Count));
    }

    [Fact]
    public async Task TwoStoresOnOneFile_ConcurrentWrites_WaitForEachOtherInsteadOfFailing()
    {
        // A second process (e.g. completion-reset during a run) is a second writer: busy_timeout makes it wait.
        await using var run = await OpenAsync(DatabasePath);
        await using var command = await OpenAsync(DatabasePath);

        await Task.WhenAll(
            Task.WhenAll(Enumerable.Range(0, 400).Select(i => run.AdoptAsync(Completion($"run/{i}.json"), default))),
            Task.WhenAll(Enumerable.Range(0, 400).Select(i => command.AdoptAsync(Completion($"cmd/{i}.json"), default))));

        Assert.Equal(800L, await ScalarAsync("SELECT count(*) FROM topics;"));
    }

    [Fact]
    public async Task Writes_BeforeInitializeOrAfterDispose_Throw()
    {
        var store = new SqliteCompletionStore(DatabasePath, Time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ClaimAsync(Claim("cat/a.json"), default));
        await store.InitializeAsync(default);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ClaimAsync(Claim("cat/a.json"), default));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.QueryAsync(new TopicQuery(), default));
    }

    [Fact]
    public async Task Cost_IsStoredAsWholeNanoDollars()
    {
        await using (var store = await OpenAsync(DatabasePath))
        {
            await store.AdoptAsync(Completion("cat/a.json", cost: 0.123456789m), default);
        }

        Assert.Equal(123456789L, await ScalarAsync("SELECT cost_nano_usd FROM topics;"));
        Assert.Equal("flashcards", await ScalarAsync("SELECT mode FROM topics;"));
    }

    [SkippableFact]
    public async Task DisposeAsync_AfterReadsAndWrites_LeavesNoOpenHandleOnTheFile()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/self/fd");
        Assert.Equal(DatabasePath, SqliteCompletionStore.PathFor(_directory.Path));
        var store = await OpenAsync(DatabasePath);
        await store.AdoptAsync(Completion("cat/a.json"), default);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.SummarizeAsync(default)));
        Assert.NotEmpty(OpenHandlesTo(DatabasePath));

        await store.DisposeAsync();

        Assert.Empty(OpenHandlesTo(DatabasePath));
    }

    private static string[] OpenHandlesTo(string path) =>
        Directory.GetFiles("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target is not null && target.StartsWith(path, StringComparison.Ordinal))
            .Select(target => target!)
            .ToArray();

    private async Task<ICompletionStore> OpenAsync(string path)
    {
        var store = new SqliteCompletionStore(path, Time);
        await store.InitializeAsync(default);
        return store;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
