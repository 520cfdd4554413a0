namespace PromptOptimizer.Providers;

/// <summary>
/// Whether calls to one provider may go now, decided for the whole provider: one pause instead of a storm of retries
/// that would each be refused. Two things hold calls back. A cooldown the provider asked for (429 with
/// <c>Retry-After</c>). And a circuit that opens when the provider cannot be reached (connection refused, reset, no
/// answer in time) from <see cref="CallersToOpen"/> different callers with no answer in between: one topic's bad luck
/// never opens it, an outage does. While it is open every caller waits, and waiting spends none of a caller's retries;
/// after <see cref="ResilienceOptions.CircuitBreak"/> one caller's request goes as a probe: any answer closes the circuit,
/// no answer re-opens it. An outage longer than <see cref="ResilienceOptions.ProviderOutage"/> is given up on:
/// <see cref="OutageOutlasted"/> is raised once and waiting callers are refused with <see cref="OutageError"/>.
/// (A circuit in the gate rather than Polly's circuit breaker: that one rejects calls while open, and counts failures,
/// not the callers they came from; here callers must wait, and only different callers' failures count.)
/// </summary>
internal sealed class ProviderGate(string provider, TimeProvider time, ResilienceOptions? options = null)
{
    /// <summary>How many different callers must fail to reach the provider, with no answer between, to open the circuit.</summary>
    public const int CallersToOpen = 3;

    private readonly ResilienceOptions _options = options ?? new ResilienceOptions();
    private readonly Lock _lock = new();
    private readonly HashSet<object> _unreached = new(ReferenceEqualityComparer.Instance);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pausedUntilTicks;
    private DateTimeOffset? _downSince;
    private DateTimeOffset _probeAt;
    private object? _probe;
    private bool _gaveUp;

    // Completed once OutageOutlasted has been raised for the current outage: until then no caller is refused.
    private TaskCompletionSource _outageReported = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Provider { get; } = provider;

    /// <summary>Raised when a new cooldown starts: the provider, until when, and why ("rate limited" or "unreachable").</summary>
    public event Action<string, DateTimeOffset, string>? CooldownStarted;

    /// <summary>Raised once when the provider has been unreachable for longer than the outage allowance.</summary>
    public event Action<ProviderError>? OutageOutlasted;

    public DateTimeOffset? PausedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _pausedUntilTicks);
            return ticks > time.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>Since when the provider is unreachable (the circuit is open); null while it answers.</summary>
    public DateTimeOffset? DownSince
    {
        get
        {
            lock (_lock)
            {
                return _downSince;
            }
        }
    }

    /// <summary>What a caller is refused with once the outage has outlasted its allowance.</summary>
    public ProviderError OutageError => new(Provider, ErrorKind.Transient,
        $"unreachable since {DownSince ?? time.GetUtcNow():HH:mm:ss} UTC, longer than the {_options.ProviderOutage.TotalSeconds:0}s an outage may last",
        null, IsTransient: false, StopsRun: true);

    public void PauseFor(TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        var ticks = until.UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilTicks);
            if (current >= ticks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, ticks, current) != current);

        CooldownStarted?.Invoke(Provider, until, "rate limited");
    }

    /// <summary>
    /// Waits until <paramref name="caller"/> may send: after any cooldown, and while the circuit is open until it closes
    /// or this caller is chosen as the probe. False when the outage has outlasted its allowance.
    /// </summary>
    public async ValueTask<bool> WaitAsync(object caller, CancellationToken cancellationToken)
    {
        // Loops only while another caller extends the pause during our wait.
        while (PausedUntil is { } until)
        {
            var remaining = until - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            Task changed;
            TaskCompletionSource reported;
            TimeSpan wait;
            bool gaveUp, outlasted = false;
            lock (_lock)
            {
                if (_downSince is not { } down)
                {
                    return true;
                }

                var now = time.GetUtcNow();
                var giveUpAt = down + _options.ProviderOutage;
                if (_gaveUp || now >= giveUpAt)
                {
                    outlasted = !_gaveUp;
                    _gaveUp = true;
                }
                else if (_probe is null && now >= _probeAt)
                {
                    _probe = caller;
                    return true;
                }

                gaveUp = _gaveUp;
                changed = _changed.Task;
                reported = _outageReported;
                wait = (_probe is null && _probeAt < giveUpAt ? _probeAt : giveUpAt) - now;
            }

            if (gaveUp)
            {
                if (outlasted)
                {
                    try
                    {
                        OutageOutlasted?.Invoke(OutageError);
                    }
                    finally
                    {
                        reported.TrySetResult();
                    }
                }
                else
                {
                    // The run must hear of the outage before anyone is refused: it then cancels its topics, which go back
                    // to pending. A caller refused before that would fail its topic for the outage.
                    await reported.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                return false;
            }

            try
            {
                await changed.WaitAsync(wait, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Time for a probe, or to give up: decided on the next turn.
            }
        }
    }

    /// <summary>
    /// Records how <paramref name="caller"/>'s request ended (null: answered). True when the provider is down (the
    /// circuit is open): the failure is the outage's, not the caller's, and the caller should wait and send again.
    /// </summary>
    public bool Record(object caller, ProviderError? error)
    {
        var unreached = error is { StatusCode: null, Kind: ErrorKind.Transient or ErrorKind.Timeout };
        DateTimeOffset? reopened = null;
        lock (_lock)
        {
            if (ReferenceEquals(_probe, caller))
            {
                _probe = null;
            }

            if (!unreached)
            {
                // Any answer, even a refusal, proves the provider is reachable.
                _unreached.Clear();
                if (_downSince is not null)
                {
                    _downSince = null;
                    if (_gaveUp)
                    {
                        _gaveUp = false;
                        _outageReported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    Changed();
                }

                return false;
            }

            _unreached.Add(caller);
            if (_downSince is null && _unreached.Count < CallersToOpen)
            {
                return false;
            }

            var now = time.GetUtcNow();
            _downSince ??= now;
            if (_probeAt <= now)
            {
                _probeAt = now + _options.CircuitBreak;
                reopened = _probeAt;
                Changed();
            }
        }

        if (reopened is { } until)
        {
            CooldownStarted?.Invoke(Provider, until, "unreachable");
        }

        return true;
    }

    /// <summary>A caller's request ended without an outcome (cancelled): if it was the probe, the next caller probes.</summary>
    public void Abandon(object caller)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_probe, caller))
            {
                _probe = null;
                Changed();
            }
        }
    }

    private void Changed()
    {
        // Completed after replacing, and run asynchronously: no waiter resumes under the lock.
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
