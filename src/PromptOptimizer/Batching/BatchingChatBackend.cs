using System.Runtime.CompilerServices;
using System.Text;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Batching;

/// <summary>
/// Chat completions through the provider's Batch API, at about half the price. Each call names its request
/// (<see cref="BatchCustomIds"/>), looks the name up in the store and, when an earlier run already submitted it, reads
/// the answer from that batch; otherwise the request waits in the <see cref="BatchCoalescer"/> for the next batch of
/// its model. A request that failed transiently goes into a later batch under the next retry's name, up to
/// <see cref="BatchingOptions.MaxRetries"/>. So a request is never submitted twice under one name, and a name is
/// never reused for another request. A provider answer that leaves no safe way on (its batches cannot be listed to
/// tell an orphan from a running batch) ends the call with that error, which stops the run.
/// </summary>
internal sealed class BatchingChatBackend : IChatBackend, IAsyncDisposable
{
    private readonly IBatchLedger _ledger;
    private readonly BatchingOptions _options;
    private readonly PriceTable _prices;
    private readonly TimeProvider _time;
    private readonly BatchWatcher _watcher;
    private readonly BatchRecovery _recovery;
    private readonly BatchCoalescer _coalescer;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConditionalWeakTable<ICallObserver, Dictionary<string, int>> _calls = [];
    private readonly BatchStats _stats = new();
    private readonly Lazy<Task<ProviderError?>> _recovered;
    private int _disposed;

    public BatchingChatBackend(IBatchApi api, IBatchLedger ledger, BatchingOptions options, PriceTable prices, TimeProvider time)
    {
        _ledger = ledger;
        _options = options;
        _prices = prices;
        _time = time;
        _watcher = new BatchWatcher(api, ledger, options, _stats, time, _lifetime.Token);
        _recovery = new BatchRecovery(api, ledger, _watcher, options, time);
        _coalescer = new BatchCoalescer(new BatchSubmitter(api, ledger, _watcher, options, _stats, prices, time, AttachAsync), options, time);
        _recovered = new Lazy<Task<ProviderError?>>(() => _recovery.RecoverAsync(_lifetime.Token));
    }

    /// <summary>The run's batches so far, and the requests waiting to be batched.</summary>
    public BatchProgress Progress => _stats.Snapshot(_coalescer.Waiting);


    public async Task<ProviderAnswer<ChatCompletion>> ChatAsync(ChatRequest request, ICallObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var scope = observer.CallScope ?? throw new InvalidOperationException("The Batch API needs each topic's call scope to name its requests.");
        var call = NextCall(observer, request.Stage);
        var body = OpenRouterClient.SerializeRequest(request);
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (await _recovered.Value.WaitAsync(cancellationToken).ConfigureAwait(false) is { } unrecovered)
        {
            return ProviderAnswer<ChatCompletion>.Failed(unrecovered);
        }

        ProviderError? last = null;
        for (var retry = 0; retry <= _options.MaxRetries; retry++)
        {
            var id = BatchCustomIds.For(scope, request.Stage, call, retry);
            var started = _time.GetTimestamp();
            var resolved = await ResolveAsync(id, request, bytes, cancellationToken).ConfigureAwait(false);
            if (resolved.Error is { } stop)
            {
                return ProviderAnswer<ChatCompletion>.Failed(stop);
            }

            var item = resolved.Value!;
            Report(observer, request, body, item, _time.GetElapsedTime(started));
            if (item.Completion is { } completion)
            {
                return ProviderAnswer<ChatCompletion>.Ok(completion, null);
            }

            last = item.Error!;
            if (!last.IsTransient || last.StopsRun)
            {
                break;
            }
        }

        return ProviderAnswer<ChatCompletion>.Failed(last!);
    }

    /// <summary>Stops following batches and submitting; what was submitted stays recorded for the next run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _coalescer.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    /// <summary>The answer for <paramref name="id"/> from the batch that holds it, or from the next one; or the error that stops the run.</summary>
    private async Task<ProviderAnswer<BatchResultItem>> ResolveAsync(string id, ChatRequest request, int bytes, CancellationToken cancellationToken)
    {
        var known = await _ledger.FindBatchesAsync([id], cancellationToken).ConfigureAwait(false);
        if (known.TryGetValue(id, out var batch))
        {
            return await AttachAsync(id, batch).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _coalescer.EnqueueAsync(id, request, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer of a request that a recorded batch holds.</summary>
    private async Task<ProviderAnswer<BatchResultItem>> AttachAsync(string id)
    {
        var known = await _ledger.FindBatchesAsync([id], _lifetime.Token).ConfigureAwait(false);
        return known.TryGetValue(id, out var batch)
            ? await AttachAsync(id, batch).ConfigureAwait(false)
            : Answered(new BatchResultItem(id, null, new ProviderError(OpenRouterClient.ProviderName, ErrorKind.Transient, "the batch holding this request was given up", null, IsTransient: true, StopsRun: false)));
    }

    private async Task<ProviderAnswer<BatchResultItem>> AttachAsync(string id, RecordedBatch batch)
    {
        if (batch.BatchId is null)
        {
            var resolution = await _recovery.ResolveAsync(batch, _lifetime.Token).ConfigureAwait(false);
            if (resolution.Stop is { } stop)
            {
                return ProviderAnswer<BatchResultItem>.Failed(stop);
            }

            if (resolution.Batch is null)
            {
                // The provider never accepted that batch: nothing was paid under this name, so it may go out now.
                return Answered(new BatchResultItem(id, null, new ProviderError(OpenRouterClient.ProviderName, ErrorKind.Transient,
                    "an earlier run recorded this request for a batch the provider never accepted", null, IsTransient: true, StopsRun: false)));
            }

            batch = resolution.Batch;
        }

        var outcome = await _watcher.WatchAsync(batch).ConfigureAwait(false);
        return Answered(outcome.ItemFor(id));
    }

    private static ProviderAnswer<BatchResultItem> Answered(BatchResultItem item) => ProviderAnswer<BatchResultItem>.Ok(item, null);

    private int NextCall(ICallObserver observer, string stage)
    {
        var counts = _calls.GetValue(observer, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        lock (counts)
        {
            counts[stage] = counts.GetValueOrDefault(stage) + 1;
            return counts[stage];
        }
    }

    /// <summary>Reports the attempt with its cost: the provider's when given, else the price table at the batch discount.</summary>
    private void Report(ICallObserver observer, ChatRequest request, string body, BatchResultItem item, TimeSpan latency)
    {
        if (item.Completion is { } answer)
        {
            var listed = _prices.Estimate(request.Model, answer.PromptTokens, answer.CompletionTokens);
            var cost = answer.Cost ?? listed * _options.Discount;
            _stats.Answered(cost, answer.Cost is { } reported ? reported / _options.Discount : listed);
            observer.OnAttempt(new CallAttempt(OpenRouterClient.ProviderName, request.Stage, 200, ErrorKind.None, null,
                answer.PromptTokens, answer.CompletionTokens, cost, answer.Cost is null, latency, body, null));
            return;
        }

        var error = item.Error!;
        _stats.Answered(0m, 0m);
        observer.OnAttempt(new CallAttempt(OpenRouterClient.ProviderName, request.Stage, error.StatusCode, error.Kind, error.Message, 0, 0, 0m, false, latency, body, error.RawBody));
    }
}
