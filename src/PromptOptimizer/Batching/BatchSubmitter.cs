using System.Globalization;
using Polly;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Batching;

/// <summary>
/// Sends one batch that <see cref="BatchCoalescer"/> cut. No batch goes out that would take the projected spend past
/// <see cref="BatchingOptions.MaxCost"/>. Its intent is recorded in the store before it is sent, and its id right after
/// the provider accepts it; it carries its label in its metadata, so a lost answer (or a crash between the two) leaves
/// a batch that can be found by listing. Requests another batch already holds are left out and read from that one.
/// </summary>
internal sealed class BatchSubmitter
{
    /// <summary>The metadata key that carries a batch's label.</summary>
    public const string LabelKey = "prompt_optimizer_label";

    private readonly IBatchApi _api;
    private readonly IBatchLedger _ledger;
    private readonly BatchWatcher _watcher;
    private readonly BatchingOptions _options;
    private readonly BatchStats _stats;
    private readonly PriceTable _prices;
    private readonly TimeProvider _time;
    private readonly Func<string, Task<ProviderAnswer<BatchResultItem>>> _attach;
    private readonly ResiliencePipeline<ProviderAnswer<BatchStatus>> _submit;
    private readonly ResiliencePipeline<ProviderAnswer<BatchList>> _list;
    private readonly string _runLabel;
    private int _sequence;

    /// <param name="attach">Awaits the answer of a request another batch already holds.</param>
    public BatchSubmitter(IBatchApi api, IBatchLedger ledger, BatchWatcher watcher, BatchingOptions options, BatchStats stats, PriceTable prices, TimeProvider time,
        Func<string, Task<ProviderAnswer<BatchResultItem>>> attach)
    {
        _api = api;
        _ledger = ledger;
        _watcher = watcher;
        _options = options;
        _stats = stats;
        _prices = prices;
        _time = time;
        _attach = attach;
        _submit = BatchApiPolicies.Submit(options, time);
        _list = BatchApiPolicies.Call<BatchList>(options, time);
        _runLabel = time.GetUtcNow().ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>Submits <paramref name="batch"/> (one model); every request's answer comes to its <see cref="PendingRequest.Answer"/>.</summary>
    public async Task SubmitAsync(List<PendingRequest> batch, CancellationToken token)
    {
        var model = batch[0].Request.Model;
        var estimate = batch.Sum(p => Estimate(p));
        if (_options.MaxCost is { } cap && _stats.Projected + estimate > cap)
        {
            var refused = new ProviderError(OpenRouterClient.ProviderName, ErrorKind.Cancelled,
                $"budget: ${_stats.Projected:0.0000} spent or committed, the next batch (~${estimate:0.0000}) would pass --max-cost ${cap:0.00}", null, IsTransient: true, StopsRun: true);
            Answer(batch, refused);
            return;
        }

        var label = $"po-{_runLabel}-{Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture)}";
        var taken = await _ledger.RecordIntentAsync(new BatchIntent(label, model, batch.Select(p => p.CustomId).ToList(), estimate, _time.GetUtcNow()), CancellationToken.None)
            .ConfigureAwait(false);
        if (taken.Count > 0)
        {
            // Another batch holds these already (another worker, or an earlier run): their answers come from there.
            var held = taken.ToHashSet(StringComparer.Ordinal);
            foreach (var pending in batch.Where(p => held.Contains(p.CustomId)))
            {
                _ = _attach(pending.CustomId).ContinueWith(t => Forward(t, pending), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            batch = batch.Where(p => !held.Contains(p.CustomId)).ToList();
        }

        if (batch.Count == 0)
        {
            await _ledger.AbandonBatchAsync(label, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var submission = new BatchSubmission(model, batch.Select(p => new BatchRequestItem(p.CustomId, p.Request)).ToList(),
            new Dictionary<string, string>(StringComparer.Ordinal) { [LabelKey] = label });
        var accepted = await _submit.ExecuteAsync(t => _api.SubmitAsync(submission, t), token).ConfigureAwait(false);
        if (accepted.Error is { StatusCode: null })
        {
            // No answer (a timeout, a dropped connection): the provider may have accepted the batch all the same.
            accepted = await FindByLabelAsync(label, token).ConfigureAwait(false) ?? accepted;
        }

        if (accepted.Error is { } error)
        {
            // Not accepted: nothing was sent for these requests, so their names are free again.
            await _ledger.AbandonBatchAsync(label, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            Answer(batch, error.StatusCode == 404 && !error.StopsRun
                ? error with
                {
                    Message = "the provider has no Batch API at this endpoint (404 from its batches endpoint); run without --batch-api or point OPENROUTER_BASE_URL at a provider that has one",
                    IsTransient = false,
                    StopsRun = true,
                }
                : error);
            return;
        }

        var status = accepted.Value!;
        var now = _time.GetUtcNow();
        await _ledger.RecordSubmittedAsync(label, status.Id, status.Status, now, CancellationToken.None).ConfigureAwait(false);
        _stats.Submitted(estimate);
        var recorded = new RecordedBatch(label, status.Id, model, status.Status, batch.Count, 0, 0, estimate, now, now);
        var outcome = _watcher.WatchAsync(recorded, estimate);
        _ = outcome.ContinueWith(t =>
        {
            foreach (var pending in batch)
            {
                if (t.IsCompletedSuccessfully)
                {
                    pending.Answer.TrySetResult(ProviderAnswer<BatchResultItem>.Ok(t.Result.ItemFor(pending.CustomId), null));
                }
                else
                {
                    pending.Answer.TrySetCanceled();
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The batch with this label if the provider lists it, else null.</summary>
    private async Task<ProviderAnswer<BatchStatus>?> FindByLabelAsync(string label, CancellationToken token)
    {
        var listed = await _list.ExecuteAsync(t => _api.ListAsync(t), token).ConfigureAwait(false);
        return listed.Value is { } list && Labelled(list, label) is { } found ? ProviderAnswer<BatchStatus>.Ok(found, null) : null;
    }

    /// <summary>The listed batch that carries <paramref name="label"/> in its metadata, or null.</summary>
    public static BatchStatus? Labelled(BatchList list, string label) =>
        list.Batches.FirstOrDefault(b => b.Metadata.TryGetValue(LabelKey, out var l) && l == label);

    private static void Answer(List<PendingRequest> batch, ProviderError error)
    {
        foreach (var pending in batch)
        {
            pending.Answer.TrySetResult(ProviderAnswer<BatchResultItem>.Ok(new BatchResultItem(pending.CustomId, null, error), null));
        }
    }

    private static void Forward(Task<ProviderAnswer<BatchResultItem>> answer, PendingRequest pending)
    {
        if (answer.IsCompletedSuccessfully)
        {
            pending.Answer.TrySetResult(answer.Result);
        }
        else if (answer.Exception is { } failed)
        {
            pending.Answer.TrySetException(failed.InnerExceptions);
        }
        else
        {
            pending.Answer.TrySetCanceled();
        }
    }

    /// <summary>A request's cost at the batch price: its body read as prompt tokens (about 4 bytes each) and a typical answer.</summary>
    private decimal Estimate(PendingRequest pending) =>
        _prices.Estimate(pending.Request.Model, pending.Bytes / 4, Math.Min(pending.Request.MaxTokens, 1500)) * _options.Discount;
}
