using System.Globalization;
using Polly;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Batching;

/// <summary>
/// Gathers waiting chat requests into provider batches, one model per batch: a batch goes out when it is full (by
/// requests or bytes) or when its oldest request has waited <see cref="BatchingOptions.Linger"/>. Before a batch is
/// sent its intent is recorded in the store, and its id right after the provider accepts it; the batch carries its
/// label in its metadata, so a crash between the two leaves a batch that the next run can find by listing.
/// </summary>
internal sealed class BatchCoalescer : IAsyncDisposable
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
    private readonly Func<string, Task<BatchResultItem>> _attach;
    private readonly ResiliencePipeline<ProviderAnswer<BatchStatus>> _submit;
    private readonly ResiliencePipeline<ProviderAnswer<BatchList>> _list;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<PendingRequest>> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly string _runLabel;
    private readonly Task _loop;
    private int _sequence;

    /// <param name="attach">Awaits the answer of a request another batch already holds.</param>
    public BatchCoalescer(IBatchApi api, IBatchLedger ledger, BatchWatcher watcher, BatchingOptions options, BatchStats stats, PriceTable prices, TimeProvider time,
        Func<string, Task<BatchResultItem>> attach)
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
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Requests waiting for a batch, over every model.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Values.Sum(l => l.Count);
            }
        }
    }

    /// <summary>Queues a request for the next batch of its model; cancelling before the batch goes out takes it back out.</summary>
    public Task<BatchResultItem> EnqueueAsync(string customId, ChatRequest request, int bytes, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest(customId, request, bytes, _time.GetUtcNow());
        lock (_gate)
        {
            if (!_waiting.TryGetValue(request.Model, out var list))
            {
                _waiting[request.Model] = list = [];
            }

            list.Add(pending);
        }

        var registration = cancellationToken.Register(() => Withdraw(pending, cancellationToken));
        _ = pending.Answer.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }

        return pending.Answer.Task;
    }

    /// <summary>Stops the loop: waiting requests are not submitted (a later run asks for them again).</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            foreach (var pending in _waiting.Values.SelectMany(l => l))
            {
                pending.Answer.TrySetCanceled();
            }

            _waiting.Clear();
        }

        _lifetime.Dispose();
        _signal.Dispose();
    }

    private void Withdraw(PendingRequest pending, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_waiting.TryGetValue(pending.Request.Model, out var list))
            {
                list.Remove(pending);
            }
        }

        // Already in a batch: the answer will come but nobody waits for it; the store knows the batch for the next run.
        pending.Answer.TrySetCanceled(cancellationToken);
    }

    private async Task LoopAsync()
    {
        var token = _lifetime.Token;
        while (!token.IsCancellationRequested)
        {
            var (due, next) = CutDue();
            foreach (var batch in due)
            {
                try
                {
                    await SubmitAsync(batch, token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The loop serves every topic: one batch's failure (the store gone) is that batch's requests' error, not the loop's end.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    foreach (var pending in batch)
                    {
                        _ = ex is OperationCanceledException ? pending.Answer.TrySetCanceled() : pending.Answer.TrySetException(ex);
                    }
                }
            }

            if (due.Count > 0)
            {
                continue;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(token);
            var waits = new List<Task> { _signal.WaitAsync(wake.Token) };
            if (next is { } at)
            {
                waits.Add(Task.Delay(at - _time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero, _time, wake.Token));
            }

            await Task.WhenAny(waits).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(waits).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The batches ready to go (full, or lingered long enough), and when the next one will be.</summary>
    private (List<List<PendingRequest>> Due, DateTimeOffset? Next) CutDue()
    {
        var now = _time.GetUtcNow();
        var due = new List<List<PendingRequest>>();
        DateTimeOffset? next = null;
        lock (_gate)
        {
            foreach (var list in _waiting.Values)
            {
                while (list.Count > 0)
                {
                    var (count, bytes) = (0, 0L);
                    while (count < list.Count && count < _options.MaxRequests && (count == 0 || bytes + list[count].Bytes <= _options.MaxBytes))
                    {
                        bytes += list[count].Bytes;
                        count++;
                    }

                    var full = count < list.Count || count == _options.MaxRequests;
                    var lingered = list[0].EnqueuedAt + _options.Linger <= now;
                    if (!full && !lingered)
                    {
                        next = Min(next, list[0].EnqueuedAt + _options.Linger);
                        break;
                    }

                    due.Add(list.GetRange(0, count));
                    list.RemoveRange(0, count);
                }
            }
        }

        return (due, next);
    }

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private async Task SubmitAsync(List<PendingRequest> batch, CancellationToken token)
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
                    pending.Answer.TrySetResult(t.Result.ItemFor(pending.CustomId));
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
        return listed.Value?.Batches.FirstOrDefault(b => b.Metadata.TryGetValue(LabelKey, out var l) && l == label) is { } found
            ? ProviderAnswer<BatchStatus>.Ok(found, null)
            : null;
    }

    private static void Answer(List<PendingRequest> batch, ProviderError error)
    {
        foreach (var pending in batch)
        {
            pending.Answer.TrySetResult(new BatchResultItem(pending.CustomId, null, error));
        }
    }

    private static void Forward(Task<BatchResultItem> answer, PendingRequest pending)
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
