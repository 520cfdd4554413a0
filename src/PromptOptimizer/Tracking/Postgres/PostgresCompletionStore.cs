using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Npgsql;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>
/// The completion store shared by many workers on many machines. Every operation is one atomic statement on a pooled
/// connection, so no client-side lock is needed and any number of processes may use one database at once; only the
/// current lease holder (worker and run) can complete or fail a started topic. Also the work queue (<see cref="IWorkQueue"/>).
/// The database may go away for a while (a restart, a failover): the worker's calls wait for it under one outage budget
/// (<see cref="Outage"/>), and a result that finished meanwhile is recorded when it is back.
/// </summary>
internal sealed partial class PostgresCompletionStore : IWorkQueue
{
    private readonly TimeProvider _timeProvider;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ConcurrentDictionary<Task, byte> _writesInFlight = new();
    private bool _initialized;
    private int _disposed;

    /// <param name="connectionString">An Npgsql connection string or a <c>postgresql://</c> URL.</param>
    public PostgresCompletionStore(string connectionString, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var normalized = PostgresConnectionString.Normalize(connectionString);
        Description = PostgresConnectionString.Describe(normalized);
        _timeProvider = timeProvider;
        _dataSource = NpgsqlDataSource.Create(normalized);
        Outage = new StoreOutage(IsTransient, timeProvider);
    }

    /// <summary>The database without its password, for messages.</summary>
    public string Description { get; }

    public IWorkQueue? WorkQueue => this;

    /// <summary>The wait for a database that went away, shared by every call of this store.</summary>
    public StoreOutage Outage { get; }

    /// <summary>The pooled connections, shared with <see cref="SharedRateLimiter"/>s made by <see cref="CreateRateLimiter"/>.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_initialized)
        {
            return;
        }

        try
        {
            await PostgresSchema.MigrateAsync(_dataSource, Description, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new CompletionStoreException($"Cannot open the completion database {Description}: {ex.Message}", ex);
        }

        _initialized = true;
    }

    /// <summary>A limiter on this database's <c>rate_limits</c> table; every process using the same name shares it.</summary>
    public SharedRateLimiter CreateRateLimiter(SharedRateLimiterOptions options)
    {
        EnsureReady();
        return new SharedRateLimiter(_dataSource, options, _timeProvider, Outage);
    }

    RateLimiter IWorkQueue.CreateRateLimiter(SharedRateLimiterOptions options) => CreateRateLimiter(options);

    public async Task<IReadOnlyDictionary<string, TopicRecord>> GetAsync(OutputKind mode, IReadOnlyCollection<string> topicPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPaths);
        var result = new Dictionary<string, TopicRecord>(topicPaths.Count, StringComparer.Ordinal);
        if (topicPaths.Count == 0)
        {
            return result;
        }

        await using var command = Command($"SELECT {PostgresTopicSql.TopicColumns} FROM topics WHERE mode = @mode AND topic_path = ANY(@paths);");
        command.AddText("mode", OutputKinds.NameOf(mode));
        command.AddTextArray("paths", topicPaths.Distinct(StringComparer.Ordinal).ToArray());
        foreach (var record in await TrackingRows.ReadAllAsync(command, TrackingRows.Topic, cancellationToken).ConfigureAwait(false))
        {
            result[record.TopicPath] = record;
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, TopicState>> GetCategoryStatesAsync(OutputKind mode, string category, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        await using var command = Command(PostgresTopicSql.CategoryStates);
        command.AddText("mode", OutputKinds.NameOf(mode));
        command.AddText("from", category + "/");
        command.AddText("to", category + "0");
        var states = await TrackingRows.ReadAllAsync(command, TrackingRows.State, cancellationToken).ConfigureAwait(false);
        return states.ToDictionary(s => s.TopicPath, StringComparer.Ordinal);
    }

    public async Task<bool> ClaimAsync(TopicClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return await WriteAsync(PostgresTopicSql.Claim, c =>
        {
            c.AddText("path", claim.TopicPath);
            c.AddText("mode", OutputKinds.NameOf(claim.Mode));
            c.AddText("hash", claim.ContentHash);
            c.AddText("run", claim.RunId);
            c.AddText("worker", claim.WorkerId);
            c.AddTime("lease", claim.LeaseUntil);
            c.AddTime("started", claim.StartedAt);
        }, cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> CompleteAsync(TopicCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return await WriteAsync(PostgresTopicSql.Complete, c => AddCompletion(c, completion), cancellationToken).ConfigureAwait(false) > 0;
    }

    public Task AdoptAsync(TopicCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return WriteAsync(PostgresTopicSql.Adopt, c => AddCompletion(c, completion), cancellationToken);
    }

    public Task RestampAsync(OutputKind mode, string topicPath, string contentHash, TopicFileStamp stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        ArgumentNullException.ThrowIfNull(contentHash);
        return WriteAsync(PostgresTopicSql.Restamp, c =>
        {
            c.AddText("path", topicPath);
            c.AddText("mode", OutputKinds.NameOf(mode));
            c.AddText("hash", contentHash);
            AddStamp(c, stamp);
        }, cancellationToken);
    }

    public Task FailAsync(TopicFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return WriteAsync(PostgresTopicSql.Fail, c =>
        {
            c.AddText("path", failure.TopicPath);
            c.AddText("mode", OutputKinds.NameOf(failure.Mode));
            c.AddText("hash", failure.ContentHash);
            c.AddText("run", failure.RunId);
            c.AddText("worker", failure.WorkerId);
            c.AddText("error", failure.Error);
            c.AddText("kind", failure.ErrorKind);
            c.AddBigint("duration", failure.DurationMs);
            c.AddBigint("prompt", failure.PromptTokens);
            c.AddBigint("completion", failure.CompletionTokens);
            c.AddUsd("cost", failure.CostUsd);
        }, cancellationToken);
    }

    public Task ReleaseAsync(OutputKind mode, string topicPath, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        ArgumentNullException.ThrowIfNull(runId);
        return WriteAsync(PostgresTopicSql.Release, c =>
        {
            c.AddText("path", topicPath);
            c.AddText("mode", OutputKinds.NameOf(mode));
            c.AddText("run", runId);
        }, cancellationToken);
    }

    public Task RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return WriteAsync(PostgresTopicSql.Attempt, c =>
        {
            c.AddText("path", attempt.TopicPath);
            c.AddText("mode", OutputKinds.NameOf(attempt.Mode));
            c.AddText("run", attempt.RunId);
            c.AddText("stage", attempt.Stage);
            c.AddInteger("status", attempt.StatusCode);
            c.AddText("error", attempt.Error);
            c.AddBigint("prompt", attempt.PromptTokens);
            c.AddBigint("completion", attempt.CompletionTokens);
            c.AddUsd("cost", attempt.CostUsd);
            c.AddBigint("latency", attempt.LatencyMs);
            c.AddTime("at", attempt.At);
            c.AddText("request", attempt.Request);
            c.AddText("raw", attempt.RawAnswer);
        }, cancellationToken);
    }

    public Task HeartbeatAsync(string workerId, IReadOnlyCollection<string> topicPaths, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(topicPaths);
        var now = _timeProvider.GetUtcNow();
        return WriteAsync(PostgresTopicSql.Heartbeat, c =>
        {
            c.AddText("worker", workerId);
            c.AddTextArray("paths", topicPaths.ToArray());
            c.AddBigint("lease", LeaseMicroseconds(lease));
            c.AddTime("now", now);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<TopicRecord>> QueryAsync(TopicQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // A range rather than LIKE (category names are full of '_', LIKE's wildcard), so the primary key finds the
        // category's rows without scanning the table: '0' is the character after '/' in the "C" collation.
        await using var command = Command($"""
            SELECT {PostgresTopicSql.TopicColumns} FROM topics
            WHERE (@mode::text IS NULL OR mode = @mode) AND (@status::text IS NULL OR status = @status)
              AND (@from::text IS NULL OR (topic_path >= @from AND topic_path < @to))
              AND (@path::text IS NULL OR topic_path = @path)
            ORDER BY topic_path, mode LIMIT @limit;
            """);
        command.AddText("mode", query.Mode is { } mode ? OutputKinds.NameOf(mode) : null);
        command.AddText("status", query.Status is { } status ? TrackingText.Of(status) : null);
        command.AddText("from", query.Category is { } category ? category + "/" : null);
        command.AddText("to", query.Category is { } upper ? upper + "0" : null);
        command.AddText("path", query.TopicPath);
        command.AddBigint("limit", query.Limit is { } limit ? Math.Max(0, limit) : null);
        return await Outage.ExecuteAsync(t => TrackingRows.ReadAllAsync(command, TrackingRows.Topic, t), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        await using var command = Command(PostgresTopicSql.Attempts);
        command.AddText("path", topicPath);
        command.AddText("mode", mode is { } m ? OutputKinds.NameOf(m) : null);
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Attempt, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StatusSummaryRow>> SummarizeAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(PostgresTopicSql.Summarize);
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Summary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Attempts are kept (they are history); rows already clean and pending do not count as changed.</summary>
    public Task<int> ResetAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        return WriteAsync(PostgresTopicSql.Reset, c =>
        {
            c.AddText("path", topicPath);
            c.AddText("mode", mode is { } m ? OutputKinds.NameOf(m) : null);
        }, cancellationToken);
    }

    /// <summary>Also empties the queue's stored topic contents: with no rows, nothing is queued any more.</summary>
    public Task ClearAsync(CancellationToken cancellationToken) =>
        WriteAsync("DELETE FROM attempts; DELETE FROM topics; DELETE FROM topic_sources;", static _ => { }, cancellationToken);

    /// <summary>Every write commits on its own; this waits for those already started (including ones not awaited yet).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        EnsureReady();
        // A failed write has already failed for its own caller; the flush only waits for it.
        await Task.WhenAll(_writesInFlight.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Waits for writes already started, then closes the pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_writesInFlight.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        Outage.Dispose();
    }

    private static void AddCompletion(NpgsqlCommand command, TopicCompletion completion)
    {
        command.AddText("path", completion.TopicPath);
        command.AddText("mode", OutputKinds.NameOf(completion.Mode));
        command.AddText("hash", completion.ContentHash);
        command.AddText("run", completion.RunId);
        command.AddText("worker", completion.WorkerId);
        command.AddText("output", completion.OutputPath);
        command.AddTime("at", completion.CompletedAt);
        command.AddBigint("duration", completion.DurationMs);
        command.AddBigint("prompt", completion.PromptTokens);
        command.AddBigint("completion", completion.CompletionTokens);
        command.AddUsd("cost", completion.CostUsd);
        command.AddText("result", completion.ResultJson);
        AddStamp(command, completion.TopicStamp);
    }

    /// <summary>A lease length for <see cref="PostgresTopicSql.DatabaseLeaseEnd"/>: the end is computed on the database's clock.</summary>
    private static long LeaseMicroseconds(TimeSpan lease) => lease.Ticks / TimeSpan.TicksPerMicrosecond;

    private static void AddStamp(NpgsqlCommand command, TopicFileStamp? stamp)
    {
        command.AddBigint("size", stamp?.Length);
        command.AddBigint("mtime", stamp?.ModifiedTicks);
    }

    /// <summary>Runs one write statement, tracked so that <see cref="FlushAsync"/> and dispose can wait for it.</summary>
    private Task<int> WriteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        EnsureReady();
        var task = ExecuteAsync(sql, bind, cancellationToken);
        if (!task.IsCompleted)
        {
            _writesInFlight.TryAdd(task, 0);
            _ = task.ContinueWith(t => _writesInFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return task;
    }

    private Task<int> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        Outage.ExecuteAsync(async token =>
        {
            await using var command = _dataSource.CreateCommand(sql);
            bind(command);
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Worth waiting for: the connection failed or the server is shutting down, restarting or not yet accepting.</summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private NpgsqlCommand Command(string sql)
    {
        EnsureReady();
        return _dataSource.CreateCommand(sql);
    }

    private void EnsureReady()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the completion store.");
        }
    }
}
