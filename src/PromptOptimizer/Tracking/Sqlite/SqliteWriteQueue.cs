using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>
/// The single writer of a SQLite database: a bounded channel of operations drained by one task that applies
/// many operations per transaction. With one writer there is never a second transaction to lock against,
/// which is what made the original tool print "database is locked" and lose tracking. A batch that meets a transient
/// failure (another process holding the file's lock past the busy timeout, an I/O error) is tried again under the
/// store's <see cref="StoreOutage"/> budget; past it, every write of the batch fails with
/// <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>The most operations one transaction applies.</summary>
    public const int MaxBatchSize = 256;

    private readonly SqliteConnection _connection;
    private readonly Channel<SqliteWriteOperation> _channel;
    private readonly Task _pump;
    private readonly StoreOutage? _outage;
    private long _batchesCommitted;
    private int _disposed;

    /// <param name="connection">An open connection the queue now owns and disposes.</param>
    /// <param name="outage">How long transient failures are waited out; without it a failed batch fails its writes at once.</param>
    public SqliteWriteQueue(SqliteConnection connection, int capacity = 4096, StoreOutage? outage = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _connection = connection;
        _outage = outage;
        _channel = Channel.CreateBounded<SqliteWriteOperation>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // A thread of its own: every commit is a synchronous SQLite call, and on a two-core machine a pool thread held
        // by them is half of the pool that the HTTP continuations of the topics in flight are queued on.
        _pump = Task.Factory.StartNew(Pump, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>How many batch transactions have committed (lets tests see that batching happens).</summary>
    public long BatchesCommitted => Interlocked.Read(ref _batchesCommitted);

    /// <summary>
    /// Queues a write and waits for its commit. Once queued the write happens even if the token is
    /// cancelled afterwards; the token only stops the waiting.
    /// </summary>
    public async Task<int> EnqueueAsync(Func<SqliteConnection, SqliteTransaction, int> apply, CancellationToken cancellationToken)
    {
        var operation = new SqliteWriteOperation(apply);
        try
        {
            await _channel.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException("The completion store is closed; no more writes are accepted.", ex);
        }

        return await operation.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting writes, applies everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _channel.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Pump()
    {
        var reader = _channel.Reader;
        var batch = new List<SqliteWriteOperation>(MaxBatchSize);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Take what is there right now, up to the cap: under load batches fill up, when idle a lone write commits at once.
            while (batch.Count < MaxBatchSize && reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            ApplyBatch(batch);
            batch.Clear();
        }
    }

    private void ApplyBatch(List<SqliteWriteOperation> batch)
    {
        // Optimistic: the whole batch in one transaction without a savepoint per operation (each costs two more
        // statements on the hot path). Should one operation fail, the batch is rolled back and every operation is
        // applied again alone, so the bad one fails by itself and the others still commit. An outage is nobody's
        // fault: it fails the whole batch without trying each write alone.
        if (TryCommit(batch) is not { } failure)
        {
            PublishAll(batch);
            return;
        }

        if (batch.Count == 1 || failure is StoreUnavailableException)
        {
            batch.ForEach(operation => operation.Fail(failure));
            return;
        }

        foreach (var operation in batch)
        {
            var single = new List<SqliteWriteOperation>(1) { operation };
            if (TryCommit(single) is { } alone)
            {
                operation.Fail(alone);
            }
            else
            {
                PublishAll(single);
            }
        }
    }

    /// <summary>Commits the operations in one transaction, transient failures waited out; the failure, or null once committed.</summary>
    private Exception? TryCommit(List<SqliteWriteOperation> batch)
    {
#pragma warning disable CA1031 // The writer must survive anything; the failure goes to the callers whose writes were lost.
        try
        {
            Commit(batch);
            return null;
        }
        catch (Exception ex) when (_outage is null || !_outage.IsTransient(ex))
        {
            return ex;
        }
        catch (Exception)
        {
            // Transient: waited out below, off the hot path.
        }

        try
        {
            // This thread is the writer's own and nothing else can be written meanwhile, so it simply waits here.
            _outage!.ExecuteAsync(_ => Task.FromResult(Commit(batch)), CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
#pragma warning restore CA1031
    }

    private int Commit(List<SqliteWriteOperation> batch)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var operation in batch)
        {
            operation.Apply(transaction.Connection!, transaction);
        }

        transaction.Commit();
        return batch.Count;
    }

    private void PublishAll(List<SqliteWriteOperation> batch)
    {
        Interlocked.Increment(ref _batchesCommitted);
        foreach (var operation in batch)
        {
            operation.Publish();
        }
    }
}
