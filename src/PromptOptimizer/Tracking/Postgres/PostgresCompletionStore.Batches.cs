using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>The provider batches (<see cref="IBatchLedger"/>), shared by every worker using the database.</summary>
internal sealed partial class PostgresCompletionStore : IBatchLedger
{
    // One statement: the batch row, then every custom_id not held yet. The result is the ids this batch holds, those
    // inserted now and those a repeated write (after a dropped connection) had inserted before; the rest are taken.
    private const string RecordIntentSql = """
        WITH batch AS (
            INSERT INTO provider_batches (label, model, status, requests, estimated_cost_nano_usd, created_at, updated_at)
            VALUES (@label, @model, 'intent', @requests, @cost, @at, @at) ON CONFLICT (label) DO NOTHING
        ), mine AS (
            INSERT INTO batch_requests (custom_id, label) SELECT unnest(@ids), @label ON CONFLICT (custom_id) DO NOTHING RETURNING custom_id
        )
        SELECT custom_id FROM mine
        UNION ALL SELECT custom_id FROM batch_requests WHERE custom_id = ANY(@ids) AND label = @label;
        """;

    public IBatchLedger Batches => this;

    public async Task<IReadOnlyList<string>> RecordIntentAsync(BatchIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var mine = await Outage.ExecuteAsync(async token =>
        {
            await using var command = Command(RecordIntentSql);
            command.AddText("label", intent.Label);
            command.AddText("model", intent.Model);
            command.AddInteger("requests", intent.CustomIds.Count);
            command.AddUsd("cost", intent.EstimatedCostUsd);
            command.AddTime("at", intent.At);
            command.AddTextArray("ids", intent.CustomIds.ToArray());
            return await TrackingRows.ReadAllAsync(command, r => r.GetString(0), token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var held = mine.ToHashSet(StringComparer.Ordinal);
        return intent.CustomIds.Where(id => !held.Contains(id)).ToList();
    }

    public Task RecordSubmittedAsync(string label, string batchId, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(batchId);
        return WriteAsync("UPDATE provider_batches SET batch_id = @id, status = @status, updated_at = @at WHERE label = @label;", c =>
        {
            c.AddText("id", batchId);
            c.AddText("status", status);
            c.AddTime("at", at);
            c.AddText("label", label);
        }, cancellationToken);
    }

    public Task UpdateBatchAsync(string label, string status, int completed, int failed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        return WriteAsync("UPDATE provider_batches SET status = @status, completed = @completed, failed = @failed, updated_at = @at WHERE label = @label;", c =>
        {
            c.AddText("status", status);
            c.AddInteger("completed", completed);
            c.AddInteger("failed", failed);
            c.AddTime("at", at);
            c.AddText("label", label);
        }, cancellationToken);
    }

    public Task AbandonBatchAsync(string label, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        return WriteAsync("""
            WITH freed AS (DELETE FROM batch_requests WHERE label = @label)
            UPDATE provider_batches SET status = 'abandoned', updated_at = @at WHERE label = @label;
            """, c =>
        {
            c.AddText("label", label);
            c.AddTime("at", at);
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, RecordedBatch>> FindBatchesAsync(IReadOnlyCollection<string> customIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customIds);
        if (customIds.Count == 0)
        {
            return new Dictionary<string, RecordedBatch>(StringComparer.Ordinal);
        }

        var rows = await Outage.ExecuteAsync(async token =>
        {
            await using var command = Command($"SELECT r.custom_id, {TrackingRows.BatchColumns} FROM batch_requests r JOIN provider_batches b ON b.label = r.label WHERE r.custom_id = ANY(@ids);");
            command.AddTextArray("ids", customIds.Distinct(StringComparer.Ordinal).ToArray());
            return await TrackingRows.ReadAllAsync(command, r => (Id: r.GetString(0), Batch: TrackingRows.Batch(r, 1)), token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => r.Batch, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<RecordedBatch>> OutstandingBatchesAsync(CancellationToken cancellationToken) =>
        await Outage.ExecuteAsync(async token =>
        {
            await using var command = Command($"SELECT {TrackingRows.BatchColumns} FROM provider_batches b WHERE b.status NOT IN ('collected', 'abandoned') ORDER BY b.created_at, b.label;");
            return await TrackingRows.ReadAllAsync(command, r => TrackingRows.Batch(r, 0), token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
}
