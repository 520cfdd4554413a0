namespace PromptOptimizer.Scheduling;

/// <summary>
/// Two-stage interruption: the first Ctrl+C or SIGTERM stops dispatching (<see cref="StopDispatch"/>) and starts the
/// grace period on the injected clock; the second, or the end of the grace period, cancels in-flight work
/// (<see cref="Abort"/>). The process wires the signals to <see cref="Signal"/>; the engine sees only the two tokens.
/// </summary>
internal sealed class InterruptSignals(TimeProvider time) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private TimeSpan _grace = TimeSpan.FromSeconds(30);
    private int _count;
    private volatile bool _quiet;

    public CancellationToken StopDispatch => _stop.Token;

    public CancellationToken Abort => _abort.Token;

    /// <summary>Raised on each signal with its number (1 or 2), for a message to the user; not after <see cref="Quiet"/>.</summary>
    public event Action<int>? Signalled;

    public void SetGrace(TimeSpan grace) => _grace = grace;

    /// <summary>For a command that stops at once on the first signal (serve): the tokens still fire, <see cref="Signalled"/> no longer does.</summary>
    public void Quiet() => _quiet = true;

    public void Signal()
    {
        var count = Interlocked.Increment(ref _count);
        if (!_quiet)
        {
            Signalled?.Invoke(count);
        }

        if (count == 1)
        {
            _stop.Cancel();
            _ = CancelAfterGraceAsync();
        }
        else
        {
            _abort.Cancel();
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _abort.Dispose();
    }

    private async Task CancelAfterGraceAsync()
    {
        try
        {
            await Task.Delay(_grace, time, _abort.Token).ConfigureAwait(false);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Already aborted by a second signal.
        }
        catch (ObjectDisposedException)
        {
            // The run ended first.
        }
    }
}
