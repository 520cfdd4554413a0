using System.Collections.Concurrent;
using Polly;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Batching;

/// <summary>
/// Follows submitted batches to their end: one poll per batch however many requests wait on it, then one read of its
/// answers, kept for every later request that asks. The store hears the batch's end only after its answers were read.
/// </summary>
internal sealed class BatchWatcher(IBatchApi api, IBatchLedger ledger, BatchingOptions options, BatchStats stats, TimeProvider time, CancellationToken lifetime)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BatchOutcome>>> _batches = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline<ProviderAnswer<BatchStatus>> _status = BatchApiPolicies.Call<BatchStatus>(options, time);
    private readonly ResiliencePipeline<ProviderAnswer<BatchStatus>> _untilFinished = BatchApiPolicies.UntilFinished(options, time);
    private readonly ResiliencePipeline<ProviderAnswer<BatchResults>> _results = BatchApiPolicies.Call<BatchResults>(options, time);

    /// <summary>The end of a batch that has a provider id; started on first use, shared after.</summary>
    /// <param name="committed">The estimate this run counted as spent when it submitted the batch (0 for a batch found from an earlier run).</param>
    public Task<BatchOutcome> WatchAsync(RecordedBatch batch, decimal committed = 0m)
    {
        ArgumentNullException.ThrowIfNull(batch.BatchId);
        return _batches.GetOrAdd(batch.BatchId, _ => new Lazy<Task<BatchOutcome>>(() => Task.Run(() => FollowAsync(batch, committed)))).Value;
    }

    private async Task<BatchOutcome> FollowAsync(RecordedBatch batch, decimal committed)
    {
        var id = batch.BatchId!;
        stats.Watching(batch.Requests);
        var finished = await _untilFinished.ExecuteAsync(
            async token => await _status.ExecuteAsync(t => api.GetAsync(id, t), token).ConfigureAwait(false), lifetime).ConfigureAwait(false);
        if (finished.Error is { } statusError)
        {
            stats.Finished(committed, batch.Requests);
            return new BatchOutcome(batch.Status, new Dictionary<string, BatchResultItem>(), WithBatch(statusError, id));
        }

        var status = finished.Value!;
        var results = await _results.ExecuteAsync(t => api.ResultsAsync(id, t), lifetime).ConfigureAwait(false);
        if (results.Error is { } resultsError)
        {
            stats.Finished(committed, batch.Requests);
            return new BatchOutcome(status.Status, new Dictionary<string, BatchResultItem>(), WithBatch(resultsError, id));
        }

        var items = new Dictionary<string, BatchResultItem>(StringComparer.Ordinal);
        foreach (var item in results.Value!.Items)
        {
            items[item.CustomId] = item;
        }

        // Recorded as collected only now: a run killed before this line reads the answers again from the provider.
        await ledger.UpdateBatchAsync(batch.Label, RecordedBatch.Collected, status.Completed, status.Failed, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        stats.Finished(committed, batch.Requests);
        return new BatchOutcome(status.Status, items, null);
    }

    /// <summary>A read that failed for good. A batch the provider no longer knows (404) lost its requests: they go into a later batch.</summary>
    private static ProviderError WithBatch(ProviderError error, string batchId) =>
        error with { Message = $"batch {batchId}: {error.Message}", IsTransient = error.IsTransient || error.Kind == ErrorKind.NotFound };
}
