namespace PromptOptimizer.Tracking;

/// <summary>A limit shared by every process that uses the same <see cref="Name"/> on one database.</summary>
internal sealed record SharedRateLimiterOptions
{
    public SharedRateLimiterOptions(string name, int permitLimit, TimeSpan window, TimeSpan? maxPollDelay = null, TimeSpan? spacing = null, TimeSpan? maxGrantAge = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Name must not be empty.", nameof(name));
        }

        if (permitLimit < 1)
        {
            throw new ArgumentException("PermitLimit must be at least 1.", nameof(permitLimit));
        }

        if (window <= TimeSpan.Zero || window > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("Window must be positive and at most one day.", nameof(window));
        }

        MaxPollDelay = maxPollDelay ?? TimeSpan.FromMilliseconds(250);
        if (MaxPollDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxPollDelay must be positive.", nameof(maxPollDelay));
        }

        Spacing = spacing ?? TimeSpan.Zero;
        if (Spacing < TimeSpan.Zero || Spacing > window)
        {
            throw new ArgumentException("Spacing must be between zero and the window.", nameof(spacing));
        }

        if (maxGrantAge is { } age && age <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxGrantAge must be positive when set.", nameof(maxGrantAge));
        }

        MaxGrantAge = maxGrantAge;
        Name = name;
        PermitLimit = permitLimit;
        Window = window;
    }

    /// <summary>The limit's row, e.g. <c>exa</c> or <c>openrouter</c>. Every sharer must use the same limit and window.</summary>
    public string Name { get; }

    /// <summary>At most this many permits in any window of length <see cref="Window"/>.</summary>
    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    /// <summary>The least time between two grants (zero: permits of a window may be granted all at once).</summary>
    public TimeSpan Spacing { get; }

    /// <summary>
    /// How long after the granting query was sent a permit may still be spent (null: any time). The caller checks just
    /// before it sends (<see cref="Providers.IExpiringLease"/>) and takes a fresh permit for an older one, so a stall
    /// between the grant and that check cannot bunch arrivals at the provider beyond the margin the window keeps;
    /// a stall after the check still can. The fastest earlier round trip to the database is added to it: that much
    /// every grant costs, so it delays all requests alike.
    /// </summary>
    public TimeSpan? MaxGrantAge { get; }

    /// <summary>The longest a waiting caller sleeps between two tries (the database's hint is used when shorter).</summary>
    public TimeSpan MaxPollDelay { get; }

    /// <summary>At most <paramref name="perSecond"/> calls in any 1-second window (below 1: one call per 1/<paramref name="perSecond"/> s), like <c>RateLimiters.PerSecond</c>.</summary>
    public static SharedRateLimiterOptions PerSecond(string name, double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        return perSecond >= 1
            ? new SharedRateLimiterOptions(name, (int)Math.Floor(perSecond), TimeSpan.FromSeconds(1))
            : new SharedRateLimiterOptions(name, 1, TimeSpan.FromSeconds(1 / perSecond));
    }

    /// <summary>At most <paramref name="perMinute"/> calls in any 1-minute window.</summary>
    public static SharedRateLimiterOptions PerMinute(string name, int perMinute) => new(name, perMinute, TimeSpan.FromMinutes(1));

    /// <summary>
    /// This limit as a provider sees it when every worker shares it. The window is longer than the period by a margin (a
    /// fiftieth, like the local limiter's, but at least 100 ms): the provider counts by arrival, and the time from a
    /// grant in the database to the request's arrival varies between processes and machines (scheduling, GC, network)
    /// by far more than it does inside one process. Grants are spaced evenly (window ÷ limit apart, see migration 3 of
    /// the schema), so a window's requests never leave together as a burst. A permit older than half the margin when its
    /// request is about to leave is given up for a fresh one: a worker stalled after a grant for longer than the margin
    /// (a GC pause, a descheduled process) would otherwise deliver it in the same second as permits granted a window later.
    /// </summary>
    public SharedRateLimiterOptions WithArrivalMargin()
    {
        var margin = Window / 50 < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : Window / 50;
        var window = Window + margin;
        return new(Name, PermitLimit, window, MaxPollDelay, spacing: window / PermitLimit, maxGrantAge: margin / 2);
    }
}
