using Polly;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Batching;

/// <summary>
/// Re-attaches a run to the batches earlier runs left behind. An intent recorded without a batch id (the run died
/// between submitting and recording the id) is looked up by its label in the provider's list: found, its id is
/// recorded; not found, the provider never accepted it, and its requests are free to be submitted again.
/// Batches with an id are followed to their end, so the store stops listing them as outstanding. A provider that will
/// not list its batches is an answer, not a bug: it comes back as the error that stops the run, since without the list
/// no orphan can be told apart from a batch that is running.
/// </summary>
internal sealed class BatchRecovery(IBatchApi api, IBatchLedger ledger, BatchWatcher watcher, BatchingOptions options, TimeProvider time)
{
    private readonly ResiliencePipeline<ProviderAnswer<BatchList>> _list = BatchApiPolicies.Call<BatchList>(options, time);

    /// <summary>Resolves every orphaned intent and starts following every outstanding batch; the error that stops the run, or null.</summary>
    public async Task<ProviderError?> RecoverAsync(CancellationToken cancellationToken)
    {
        var outstanding = await ledger.OutstandingBatchesAsync(cancellationToken).ConfigureAwait(false);
        ProviderAnswer<BatchList>? listed = null;
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

            listed ??= await _list.ExecuteAsync(t => api.ListAsync(t), cancellationToken).ConfigureAwait(false);
            if ((await ResolveAsync(batch, listed).ConfigureAwait(false)).Stop is { } stop)
            {
                return stop;
            }
        }

        return null;
    }

    /// <summary>Looks up an intent recorded without an id, once it is old enough that nobody is still submitting it.</summary>
    public async Task<IntentResolution> ResolveAsync(RecordedBatch intent, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - intent.CreatedAt;
        if (age < options.OrphanAge)
        {
            await Task.Delay(options.OrphanAge - age, time, cancellationToken).ConfigureAwait(false);
        }

        var listed = await _list.ExecuteAsync(t => api.ListAsync(t), cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(intent, listed).ConfigureAwait(false);
    }

    private async Task<IntentResolution> ResolveAsync(RecordedBatch intent, ProviderAnswer<BatchList> listed)
    {
        if (listed.Error is { } error)
        {
            return new IntentResolution(null, error with
            {
                Message = $"cannot list the provider's batches to find one recorded without an id: {error}",
                IsTransient = false,
                StopsRun = true,
            });
        }

        var found = BatchSubmitter.Labelled(listed.Value!, intent.Label);
        var now = time.GetUtcNow();
        if (found is null)
        {
            await ledger.AbandonBatchAsync(intent.Label, now, CancellationToken.None).ConfigureAwait(false);
            return IntentResolution.NotAccepted;
        }

        await ledger.RecordSubmittedAsync(intent.Label, found.Id, found.Status, now, CancellationToken.None).ConfigureAwait(false);
        var recorded = intent with { BatchId = found.Id, Status = found.Status, UpdatedAt = now };
        _ = watcher.WatchAsync(recorded);
        return new IntentResolution(recorded, null);
    }
}
