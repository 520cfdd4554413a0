using System.Threading.Channels;
using System.Threading.RateLimiting;

namespace PromptOptimizer.Providers;

/// <summary>
/// A rate limiter for a provider whose limit nobody declared: permits are spaced evenly at the rate an
/// <see cref="AdaptiveRate"/> learns from refusals (<see cref="ReportRefused"/>), and none is granted while the
/// provider's <see cref="ProviderGate"/> is in a cooldown. Callers queue first-in first-out, so when a cooldown ends
/// they leave one interval apart instead of all at the same instant. Time comes from the injected
/// <see cref="TimeProvider"/>. Only single permits are supported.
/// </summary>
internal sealed class AdaptiveRateLimiter : RateLimiter
{
    private readonly Channel<TaskCompletionSource<RateLimitLease>> _waiters =
        Channel.CreateUnbounded<TaskCompletionSource<RateLimitLease>>();

    private readonly Lock _lock = new();
    private readonly AdaptiveRate _rate;
    private readonly ProviderGate _gate;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _granted;
    private bool _disposed;
    private Exception? _pumpFault;

    public AdaptiveRateLimiter(ProviderGate gate, TimeProvider time, AdaptiveRateOptions? options = null)
    {
        _gate = gate;
        _time = time;
        _origin = time.GetTimestamp();
        _rate = new AdaptiveRate(options ?? AdaptiveRateOptions.Default);
        _pump = PumpAsync();
    }

    /// <summary>The rate granted now, in permits per second.</summary>
    public double PermitsPerSecond
    {
        get
        {
            lock (_lock)
            {
                return _rate.PerSecond;
            }
        }
    }

    /// <summary>The rate set by the last measured refusal; null while none has been seen.</summary>
    public double? LearnedPerSecond
    {
        get
        {
            lock (_lock)
            {
                return _rate.Learned;
            }
        }
    }

    public override TimeSpan? IdleDuration => null;

    /// <summary>Tells the limiter that the request made under <paramref name="lease"/> was refused as rate-limited.</summary>
    public void ReportRefused(RateLimitLease lease)
    {
        if (lease is PacedLease { IsAcquired: true } paced)
        {
            lock (_lock)
            {
                _rate.Refused(paced.GrantedAt, Now());
            }
        }
    }

    /// <summary>Tells the limiter that the request made under <paramref name="lease"/> got an answer that was not a refusal.</summary>
    public void ReportAnswered(RateLimitLease lease)
    {
        if (lease is PacedLease { IsAcquired: true })
        {
            lock (_lock)
            {
                _rate.Answered();
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = 0,
        CurrentQueuedCount = _waiters.Reader.Count,
        TotalSuccessfulLeases = Interlocked.Read(ref _granted),
    };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _waiters.Reader.Count == 0 && TryGrant(null, out var lease, out _) ? lease! : PacedLease.Failed;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Nobody queued and the next slot is due: no need to go through the pump.
        if (_waiters.Reader.Count == 0 && TryGrant(null, out var lease, out _))
        {
            return lease!;
        }

        var waiter = new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(
            static (state, token) => ((TaskCompletionSource<RateLimitLease>)state!).TrySetCanceled(token), waiter);
        if (!_waiters.Writer.TryWrite(waiter))
        {
            return _pumpFault is { } fault ? throw new InvalidOperationException("The adaptive rate limiter stopped.", fault) : PacedLease.Failed;
        }

        return await waiter.Task.ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;

            // Completing first means every caller that got into the queue is still in it when the pump drains it.
            _waiters.Writer.TryComplete();
            _stop.Cancel();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private static void CheckPermitCount(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);

    private TimeSpan Now() => _time.GetElapsedTime(_origin);

    /// <summary>Grants a permit now (handing it to <paramref name="waiter"/> when given) or says how long to wait.</summary>
    private bool TryGrant(TaskCompletionSource<RateLimitLease>? waiter, out RateLimitLease? lease, out TimeSpan wait)
    {
        lock (_lock)
        {
            lease = null;
            if (_gate.PausedUntil is { } until)
            {
                wait = until - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    return false;
                }
            }

            var now = Now();
            wait = _rate.NextDue - now;
            if (wait > TimeSpan.Zero)
            {
                return false;
            }

            lease = new PacedLease(true, now);
            if (waiter is not null && !waiter.TrySetResult(lease))
            {
                // Cancelled meanwhile: the slot stays free for the next caller.
                lease = null;
                wait = TimeSpan.Zero;
                return false;
            }

            // A caller that had to queue is demand the rate did not meet.
            _rate.Granted(now, paced: waiter is not null);
            Interlocked.Increment(ref _granted);
            return true;
        }
    }

    private async Task PumpAsync()
    {
        var reader = _waiters.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (reader.TryPeek(out var waiter))
                {
                    if (waiter.Task.IsCompleted || TryGrant(waiter, out _, out var wait))
                    {
                        reader.TryRead(out _);
                    }
                    else if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, _stop.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the queued callers are handed failed leases below.
        }
#pragma warning disable CA1031 // A bug here must fail the callers, not leave them waiting forever.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _pumpFault = ex;
            _waiters.Writer.TryComplete(ex);
        }

        while (reader.TryRead(out var waiter))
        {
            if (_pumpFault is { } fault)
            {
                waiter.TrySetException(new InvalidOperationException("The adaptive rate limiter stopped.", fault));
            }
            else
            {
                waiter.TrySetResult(PacedLease.Failed);
            }
        }
    }
}
