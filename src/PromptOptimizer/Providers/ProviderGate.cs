namespace PromptOptimizer.Providers;

/// <summary>
/// A provider-wide cooldown. When one call is told to wait (429 with <c>Retry-After</c>), every call to that provider
/// waits until then: one pause instead of a storm of retries that would each be refused.
/// </summary>
internal sealed class ProviderGate(string provider, TimeProvider time)
{
    private long _pausedUntilTicks;

    public string Provider { get; } = provider;

    /// <summary>Raised when a new cooldown starts (for progress displays).</summary>
    public event Action<string, DateTimeOffset>? CooldownStarted;

    public DateTimeOffset? PausedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _pausedUntilTicks);
            return ticks > time.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

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

        CooldownStarted?.Invoke(Provider, until);
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        // Loops only while another caller extends the pause during our wait.
        while (PausedUntil is { } until)
        {
            var remaining = until - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
