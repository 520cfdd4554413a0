using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>The provider batches (<see cref="IBatchLedger"/>): writes go through the single writer like every other.</summary>
internal sealed partial class SqliteCompletionStore : IBatchLedger
{
    private const string InsertBatchSql = """
        INSERT INTO provider_batches (label, model, status, requests, estimated_cost_nano_usd, created_at, updated_at)
        VALUES ($label, $model, 'intent', $requests, $cost, $at, $at) ON CONFLICT (label) DO NOTHING;
        """;

    private const string InsertRequestSql = "INSERT INTO batch_requests (custom_id, label) VALUES ($id, $label) ON CONFLICT (custom_id) DO NOTHING;";
    private const string OwnerSql = "SELECT label FROM batch_requests WHERE custom_id = $id;";

    public IBatchLedger Batches => this;

    public async Task<IReadOnlyList<string>> RecordIntentAsync(BatchIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var taken = new List<string>();
        await WriteAsync((c, t) =>
        {
            taken.Clear();
            var insert = SqliteValues.Prepared(c, t, InsertBatchSql);
            insert.Add("$label", intent.Label);
            insert.Add("$model", intent.Model);
            insert.Add("$requests", intent.CustomIds.Count);
            insert.Add("$cost", TrackingRows.Nanos(intent.EstimatedCostUsd));
            insert.Add("$at", SqliteValues.Time(intent.At));
            var changed = insert.ExecuteNonQuery();
            foreach (var id in intent.CustomIds)
            {
                var request = SqliteValues.Prepared(c, t, InsertRequestSql);
                request.Add("$id", id);
                request.Add("$label", intent.Label);
                if (request.ExecuteNonQuery() == 0)
                {
                    // Already recorded: by another batch (taken), or by this one when the write is repeated.
                    var owner = SqliteValues.Prepared(c, t, OwnerSql);
                    owner.Add("$id", id);
                    if (owner.ExecuteScalar() as string != intent.Label)
                    {
                        taken.Add(id);
                    }
                }
                else
                {
                    changed++;
                }
            }

            return changed;
        }, cancellationToken).ConfigureAwait(false);
        return taken;
    }

    public Task RecordSubmittedAsync(string label, string batchId, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(batchId);
        return WriteAsync((c, t) =>
        {
            var command = SqliteValues.Prepared(c, t, "UPDATE provider_batches SET batch_id = $id, status = $status, updated_at = $at WHERE label = $label;");
            command.Add("$id", batchId);
            command.Add("$status", status);
            command.Add("$at", SqliteValues.Time(at));
            command.Add("$label", label);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task UpdateBatchAsync(string label, string status, int completed, int failed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        return WriteAsync((c, t) =>
        {
            var command = SqliteValues.Prepared(c, t, """
                UPDATE provider_batches SET status = $status, completed = $completed, failed = $failed, updated_at = $at WHERE label = $label;
                """);
            command.Add("$status", status);
            command.Add("$completed", completed);
            command.Add("$failed", failed);
            command.Add("$at", SqliteValues.Time(at));
            command.Add("$label", label);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task AbandonBatchAsync(string label, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        return WriteAsync((c, t) =>
        {
            var command = SqliteValues.Prepared(c, t, """
                DELETE FROM batch_requests WHERE label = $label;
                UPDATE provider_batches SET status = 'abandoned', updated_at = $at WHERE label = $label;
                """);
            command.Add("$label", label);
            command.Add("$at", SqliteValues.Time(at));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, RecordedBatch>> FindBatchesAsync(IReadOnlyCollection<string> customIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customIds);
        var result = new Dictionary<string, RecordedBatch>(StringComparer.Ordinal);
        if (customIds.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in customIds.Distinct(StringComparer.Ordinal).Chunk(SqliteTopicReads.ChunkSize))
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder($"SELECT r.custom_id, {TrackingRows.BatchColumns} FROM batch_requests r JOIN provider_batches b ON b.label = r.label WHERE r.custom_id IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = "$c" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? name : "," + name);
                command.Add(name, chunk[i]);
            }

            command.CommandText = sql.Append(");").ToString();
            foreach (var (id, batch) in await TrackingRows.ReadAllAsync(command, r => (r.GetString(0), TrackingRows.Batch(r, 1)), cancellationToken).ConfigureAwait(false))
            {
                result[id] = batch;
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<RecordedBatch>> OutstandingBatchesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {TrackingRows.BatchColumns} FROM provider_batches b WHERE b.status NOT IN ('collected', 'abandoned') ORDER BY b.created_at, b.label;";
        return await TrackingRows.ReadAllAsync(command, r => TrackingRows.Batch(r, 0), cancellationToken).ConfigureAwait(false);
    }
}
