using Polly;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Batching;

/// <summary>
/// Re-attaches a run to the batches earlier runs left behind. An intent recorded without a batch id (the run died
/// between submitting and recording the id) is looked up by its label in the provider's list: found, its id is
/// recorded; not found, the provider never accepted it, and its requests are free to be submitted again.
/// Batches with an id are followed to their end, so the store stops listing them as outstanding.
/// </summary>
internal sealed class BatchRecovery(IBatchApi api, IBatchLedger ledger, BatchWatcher watcher, BatchingOptions options, TimeProvider time)
{
    private readonly ResiliencePipeline<ProviderAnswer<BatchList>> _list = BatchApiPolicies.Call<BatchList>(options, time);

    /// <summary>Resolves every orphaned intent and starts following every outstanding batch.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var outstanding = await ledger.OutstandingBatchesAsync(cancellationToken).ConfigureAwait(false);
        BatchList? listed = null;
        foreach (var batch in outstanding)
        {
            if (batch.BatchId is not null)
            {
                _ = watcher.WatchAsync(batch);
                continue;
            }

            if (time.GetUtcNow() - batch.CreatedAt < options.OrphanAge)
            {
                continue; // another process may be submitting it right now
            }

            listed ??= await ListAsync(cancellationToken).ConfigureAwait(false);
            await ResolveAsync(batch, listed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The batch now holding a request whose recorded batch had no id: the provider's, or null once the intent is given up.</summary>
    public async Task<RecordedBatch?> ResolveAsync(RecordedBatch intent, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - intent.CreatedAt;
        if (age < options.OrphanAge)
        {
            await Task.Delay(options.OrphanAge - age, time, cancellationToken).ConfigureAwait(false);
        }

        return await ResolveAsync(intent, await ListAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<RecordedBatch?> ResolveAsync(RecordedBatch intent, BatchList listed, CancellationToken cancellationToken)
    {
        var found = listed.Batches.FirstOrDefault(b => b.Metadata.TryGetValue(BatchCoalescer.LabelKey, out var label) && label == intent.Label);
        var now = time.GetUtcNow();
        if (found is null)
        {
            await ledger.AbandonBatchAsync(intent.Label, now, CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        await ledger.RecordSubmittedAsync(intent.Label, found.Id, found.Status, now, CancellationToken.None).ConfigureAwait(false);
        var recorded = intent with { BatchId = found.Id, Status = found.Status, UpdatedAt = now };
        _ = watcher.WatchAsync(recorded);
        return recorded;
    }

    private async Task<BatchList> ListAsync(CancellationToken cancellationToken)
    {
        var answer = await _list.ExecuteAsync(t => api.ListAsync(t), cancellationToken).ConfigureAwait(false);

        // Without the list no orphan can be told apart from a batch that is running: stop rather than risk paying twice.
        return answer.Value ?? throw new BatchApiException($"cannot list the provider's batches to find one recorded without an id: {answer.Error}", answer.Error!);
    }
}
