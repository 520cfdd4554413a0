using Microsoft.Data.Sqlite;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Tracking.Sqlite;

public sealed class SqliteWriteQueueTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EnqueueAsync_OneFailingOperationAmongMany_FailsAloneAndTheOthersCommit()
    {
        var path = Path.Combine(_directory.Path, "queue.db");
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x integer PRIMARY KEY);";
            create.ExecuteNonQuery();
        }

        var queue = new SqliteWriteQueue(connection);
        var good = Enumerable.Range(0, 200).Select(i => queue.EnqueueAsync((c, tx) => Execute(c, tx, $"INSERT INTO t (x) VALUES ({i});"), CancellationToken.None)).ToList();
        var bad = queue.EnqueueAsync((c, tx) => Execute(c, tx, "INSERT INTO missing_table (x) VALUES (1);"), CancellationToken.None);
        var more = Enumerable.Range(200, 200).Select(i => queue.EnqueueAsync((c, tx) => Execute(c, tx, $"INSERT INTO t (x) VALUES ({i});"), CancellationToken.None)).ToList();

        await Assert.ThrowsAsync<SqliteException>(() => bad);
        Assert.All(await Task.WhenAll(good.Concat(more)), rows => Assert.Equal(1, rows));
        await queue.DisposeAsync();

        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t;";
        Assert.Equal(400L, count.ExecuteScalar());
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
