using System.Runtime.CompilerServices;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>The work queue half of the store: enqueue, claim batches, release, workers and results.</summary>
internal sealed partial class PostgresCompletionStore
{
    /// <summary>Topics per enqueue statement: bounded parameter size, few round trips for 100k topics.</summary>
    internal const int EnqueueChunkSize = 1000;

    // Recent completions are counted over this window for a worker's rate (or since it started, when later).
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromMinutes(5);

    public async Task<EnqueueResult> EnqueueAsync(RunVariant variant, IReadOnlyList<QueuedTopic> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        EnsureReady();
        var mode = OutputKinds.NameOf(RunVariants.ProductOf(variant));
        // One statement may not touch a row twice: the last entry for a path wins.
        var unique = topics.GroupBy(t => t.Path, StringComparer.Ordinal).Select(g => g.Last()).ToArray();
        var now = _timeProvider.GetUtcNow();
        int added = 0, changed = 0, requeued = 0, total = 0;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in unique.Chunk(EnqueueChunkSize))
        {
            await using var command = new Npgsql.NpgsqlCommand(PostgresQueueSql.Enqueue, connection, transaction);
            command.AddTextArray("paths", chunk.Select(t => t.Path).ToArray());
            command.AddTextArray("hashes", chunk.Select(t => t.ContentHash).ToArray());
            command.AddByteaArray("contents", chunk.Select(t => t.Content).ToArray());
            command.AddText("mode", mode);
            command.AddText("variant", RunVariants.ShortNameOf(variant));
            command.AddTime("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            added += reader.GetInt32(0);
            changed += reader.GetInt32(1);
            requeued += reader.GetInt32(2);
            total += reader.GetInt32(3);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new EnqueueResult(added, changed, requeued, total - added - changed - requeued);
    }

    public async Task<IReadOnlyList<ClaimedTopic>> ClaimBatchAsync(
        OutputKind? mode, string workerId, string runId, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _timeProvider.GetUtcNow();
        EnsureReady();
        var result = await Outage.ExecuteAsync(async token =>
        {
            await using var command = _dataSource.CreateCommand(PostgresQueueSql.ClaimBatch);
            command.AddText("mode", mode is { } m ? OutputKinds.NameOf(m) : null);
            command.AddText("worker", workerId);
            command.AddText("run", runId);
            command.AddInteger("max", max);
            command.AddBigint("lease", LeaseMicroseconds(lease));
            command.AddTime("now", now);
            var claimed = new List<ClaimedTopic>();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                claimed.Add(new ClaimedTopic(
                    TrackingText.ParseMode(reader.GetString(0)),
                    RunVariants.Parse(reader.GetString(1)),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    reader.Time(5)));
            }

            return claimed;
        }, cancellationToken).ConfigureAwait(false);

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    public Task<int> ReleaseAllAsync(string workerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        var now = _timeProvider.GetUtcNow();
        return ScalarWriteAsync(PostgresQueueSql.ReleaseAll, c =>
        {
            c.AddText("worker", workerId);
            c.AddTime("now", now);
        }, cancellationToken);
    }

    public Task RegisterWorkerAsync(string workerId, string host, int processId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(host);
        var now = _timeProvider.GetUtcNow();
        return WriteAsync(PostgresQueueSql.RegisterWorker, c =>
        {
            c.AddText("id", workerId);
            c.AddText("host", host);
            c.AddInteger("pid", processId);
            c.AddTime("now", now);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<WorkerStatus>> ListWorkersAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        await using var command = Command(PostgresQueueSql.ListWorkers);
        command.AddTime("since", now - ThroughputWindow);
        var result = new List<WorkerStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var startedAt = reader.Time(3);
            // A worker that started two minutes ago is rated over two minutes, not five; never over less than one.
            var minutes = Math.Clamp((now - startedAt).TotalMinutes, 1, ThroughputWindow.TotalMinutes);
            result.Add(new WorkerStatus(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                startedAt,
                reader.Time(4),
                reader.GetInt32(5),
                reader.GetInt64(6),
                reader.GetInt64(7) / minutes));
        }

        return result;
    }

    public async IAsyncEnumerable<MaterializedResult> GetResultsAsync(OutputKind? mode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command(PostgresQueueSql.Results);
        command.AddText("mode", mode is { } m ? OutputKinds.NameOf(m) : null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new MaterializedResult(
                TrackingText.ParseMode(reader.GetString(0)),
                reader.GetString(1),
                reader.StringOrNull(2),
                reader.GetString(3));
        }
    }

    private Task<int> ScalarWriteAsync(string sql, Action<Npgsql.NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        EnsureReady();
        return Outage.ExecuteAsync(async token =>
        {
            await using var command = _dataSource.CreateCommand(sql);
            bind(command);
            var value = await command.ExecuteScalarAsync(token).ConfigureAwait(false);
            return value is int count ? count : 0;
        }, cancellationToken);
    }
}
