using PromptOptimizer.Providers;

namespace PromptOptimizer.Batching;

/// <summary>
/// Gathers waiting chat requests into provider batches, one model per batch: a batch goes out (through the
/// <see cref="BatchSubmitter"/>) when it is full (by requests or bytes) or when its oldest request has waited
/// <see cref="BatchingOptions.Linger"/>. Time is the injected clock's: the linger is a timer on it, and the loop reads
/// the clock again after arming that timer, so a clock that moves on in between is never missed.
/// </summary>
internal sealed class BatchCoalescer : IAsyncDisposable
{
    private readonly BatchSubmitter _submitter;
    private readonly BatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<PendingRequest>> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Task _loop;

    public BatchCoalescer(BatchSubmitter submitter, BatchingOptions options, TimeProvider time)
    {
        _submitter = submitter;
        _options = options;
        _time = time;
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
    public Task<ProviderAnswer<BatchResultItem>> EnqueueAsync(string customId, ChatRequest request, int bytes, CancellationToken cancellationToken)
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
                    await _submitter.SubmitAsync(batch, token).ConfigureAwait(false);
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
                if (_time.GetUtcNow() >= at)
                {
                    // The clock passed the linger between the read above and arming the timer, which then counts a
                    // whole delay from the later time: cut again now instead of waiting for a tick that may never come.
                    waits.Add(Task.CompletedTask);
                }
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
}
