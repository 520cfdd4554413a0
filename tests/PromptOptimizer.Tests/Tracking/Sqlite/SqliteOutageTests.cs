using Microsoft.Data.Sqlite;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Tracking.Sqlite;

/// <summary>
/// A real SQLite file whose write lock another connection holds (as a second process would, with
/// <c>BEGIN EXCLUSIVE</c>): the store's single writer meets "database is locked" and waits under its outage budget.
/// The queue's connection gives up on a lock after a second here (the store's after five), so each try ends quickly and
/// the outage clock does the waiting.
/// </summary>
public sealed class SqliteOutageTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EnqueueAsync_FileLockedByAnotherConnectionThenReleased_WaitsAndCommits()
    {
        using var outage = new StoreOutage(SqliteCompletionStore.IsTransient, TimeProvider.System) { Budget = Deadline };
        var queue = new SqliteWriteQueue(OpenWriter(), outage: outage);
        await using var _ = queue;
        await using var holder = Open();
        Execute(holder, "BEGIN EXCLUSIVE;");

        var write = queue.EnqueueAsync((c, tx) => Execute(c, "INSERT INTO t (x) VALUES (1);", tx), CancellationToken.None);
        await Poll.UntilAsync(() => outage.InOutage, Deadline, "the writer to meet the lock");
        Assert.False(write.IsCompleted);
        Execute(holder, "COMMIT;");

        Assert.Equal(1, await write.WaitAsync(Deadline));
        Assert.False(outage.InOutage);
        Assert.Equal(1L, Count(holder));
    }

    [Fact]
    public async Task EnqueueAsync_FileLockedLongerThanTheBudget_FailsWithStoreUnavailableAndTheNextWriteCommitsOnceFree()
    {
        using var outage = new StoreOutage(SqliteCompletionStore.IsTransient, TimeProvider.System) { Budget = TimeSpan.FromMilliseconds(300) };
        var queue = new SqliteWriteQueue(OpenWriter(), outage: outage);
        await using var _ = queue;
        await using var holder = Open();
        Execute(holder, "BEGIN EXCLUSIVE;");

        var first = queue.EnqueueAsync((c, tx) => Execute(c, "INSERT INTO t (x) VALUES (1);", tx), CancellationToken.None);
        var second = queue.EnqueueAsync((c, tx) => Execute(c, "INSERT INTO t (x) VALUES (2);", tx), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => first.WaitAsync(Deadline));
        Assert.Contains("database is locked", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => second.WaitAsync(Deadline));
        Execute(holder, "COMMIT;");

        Assert.Equal(1, await queue.EnqueueAsync((c, tx) => Execute(c, "INSERT INTO t (x) VALUES (3);", tx), CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(1L, Count(holder));
    }

    [Fact]
    public async Task ClaimAsync_StoreFileLockedByAnotherProcessThenReleased_TheClaimWaitsAndIsRecorded()
    {
        var path = Path.Combine(_directory.Path, "store.db");
        await using var store = new SqliteCompletionStore(path, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        await using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        Execute(holder, "BEGIN EXCLUSIVE;");

        // Each try waits for the lock for a few seconds first; the store's outage clock starts at the first "locked".
        var claim = store.ClaimAsync(new TopicClaim("c/a.json", OutputKind.Flashcards, "hash", "run", "worker", TimeProvider.System.GetUtcNow()), CancellationToken.None);
        await Poll.UntilAsync(() => store.Outage.InOutage, Deadline, "the store to meet the lock");
        Execute(holder, "COMMIT;");

        Assert.True(await claim.WaitAsync(Deadline));
        var row = Assert.Single(await store.QueryAsync(new TopicQuery(OutputKind.Flashcards, TopicStatus.Started), CancellationToken.None));
        Assert.Equal("c/a.json", row.TopicPath);
    }

    private SqliteConnection Open()
    {
        // Microsoft.Data.Sqlite retries a busy database for its default timeout on its own: one second here.
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "queue.db")};Pooling=False;Default Timeout=1");
        connection.Open();
        return connection;
    }

    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 20; CREATE TABLE IF NOT EXISTS t (x integer PRIMARY KEY);");
        return connection;
    }

    private static long Count(SqliteConnection connection)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t;";
        return (long)count.ExecuteScalar()!;
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
