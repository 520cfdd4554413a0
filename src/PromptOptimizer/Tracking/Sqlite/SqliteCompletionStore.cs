using Microsoft.Data.Sqlite;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>
/// The local completion database. Every write goes through one <see cref="SqliteWriteQueue"/> (one writer,
/// batched transactions), so concurrent callers never meet "database is locked"; reads open their own
/// short-lived pooled connections, which WAL lets run beside the writer.
/// </summary>
internal sealed partial class SqliteCompletionStore : ICompletionStore
{
    /// <summary>The database file name inside the state directory.</summary>
    public const string DefaultFileName = "completion_tracking.db";

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly TimeProvider _timeProvider;
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private SqliteWriteQueue? _queue;
    private int _disposed;

    public SqliteCompletionStore(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        DatabasePath = Path.GetFullPath(databasePath);
        _timeProvider = timeProvider;
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The database path inside a state directory.</summary>
    public static string PathFor(string stateDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDir);
        return Path.Combine(stateDir, DefaultFileName);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Batches committed by the writer so far (observability and tests).</summary>
    internal long BatchesCommitted => _queue?.BatchesCommitted ?? 0;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_queue is not null)
        {
            return;
        }

        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, SqliteSchema.ConnectionPragmas, cancellationToken).ConfigureAwait(false);
            SqliteSchema.Migrate(connection, DatabasePath);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteSchema.NotOurs(DatabasePath, ex.Message, ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _queue = new SqliteWriteQueue(connection);
    }

    public async Task<IReadOnlyDictionary<string, TopicRecord>> GetAsync(OutputKind mode, IReadOnlyCollection<string> topicPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPaths);
        if (topicPaths.Count == 0)
        {
            return new Dictionary<string, TopicRecord>(StringComparer.Ordinal);
        }

        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteTopicReads.GetAsync(connection, mode, topicPaths, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, TopicState>> GetCategoryStatesAsync(OutputKind mode, string category, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteTopicReads.GetCategoryStatesAsync(connection, mode, category, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ClaimAsync(TopicClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var changed = await WriteAsync((c, t) => SqliteTopicWrites.Claim(c, t, claim, _timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<bool> CompleteAsync(TopicCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var changed = await WriteAsync((c, t) => SqliteTopicWrites.Complete(c, t, completion), cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public Task AdoptAsync(TopicCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return WriteAsync((c, t) => SqliteTopicWrites.Adopt(c, t, completion), cancellationToken);
    }

    public Task RestampAsync(OutputKind mode, string topicPath, string contentHash, TopicFileStamp stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        ArgumentNullException.ThrowIfNull(contentHash);
        var modeText = OutputKinds.NameOf(mode);
        return WriteAsync((c, t) => SqliteTopicWrites.Restamp(c, t, modeText, topicPath, contentHash, stamp), cancellationToken);
    }

    public Task FailAsync(TopicFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return WriteAsync((c, t) => SqliteTopicWrites.Fail(c, t, failure), cancellationToken);
    }

    public Task ReleaseAsync(OutputKind mode, string topicPath, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        ArgumentNullException.ThrowIfNull(runId);
        var modeText = OutputKinds.NameOf(mode);
        return WriteAsync((c, t) => SqliteTopicWrites.Release(c, t, modeText, topicPath, runId), cancellationToken);
    }

    public Task RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return WriteAsync((c, t) => SqliteTopicWrites.RecordAttempt(c, t, attempt), cancellationToken);
    }

    public Task HeartbeatAsync(string workerId, IReadOnlyCollection<string> topicPaths, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(topicPaths);
        var leaseUntil = _timeProvider.GetUtcNow() + lease;
        return WriteAsync((c, t) => SqliteTopicWrites.Heartbeat(c, t, workerId, topicPaths, leaseUntil), cancellationToken);
    }

    public async Task<IReadOnlyList<TopicRecord>> QueryAsync(TopicQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteTopicReads.QueryAsync(connection, query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteTopicReads.GetAttemptsAsync(connection, mode, topicPath, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StatusSummaryRow>> SummarizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteTopicReads.SummarizeAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> ResetAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        var modeText = mode is { } m ? OutputKinds.NameOf(m) : null;
        return WriteAsync((c, t) => SqliteTopicWrites.Reset(c, t, modeText, topicPath), cancellationToken);
    }

    public Task ClearAsync(CancellationToken cancellationToken) => WriteAsync(SqliteTopicWrites.Clear, cancellationToken);

    /// <summary>The queue is first in, first out, so a no-op's commit means every earlier write has committed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => WriteAsync(static (_, _) => 0, cancellationToken);

    /// <summary>Applies every write already accepted, then closes the database and its pooled readers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_queue is not null)
        {
            await _queue.DisposeAsync().ConfigureAwait(false);
        }

        // Pooled readers keep the file open; close them so the file can be moved, deleted or reopened cleanly.
        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private Task<int> WriteAsync(Func<SqliteConnection, SqliteTransaction, int> apply, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var writer = _queue ?? throw new InvalidOperationException("Call InitializeAsync before using the completion store.");
        return writer.EnqueueAsync(apply, cancellationToken);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_queue is null)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the completion store.");
        }

        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, SqliteSchema.ConnectionPragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = SqliteValues.Command(connection, null, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
