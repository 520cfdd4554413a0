namespace PromptOptimizer.Providers;

/// <summary>How an <see cref="AdaptiveRate"/> starts, learns and probes a provider's undeclared limit. Validated once, here.</summary>
internal sealed record AdaptiveRateOptions
{
    /// <summary>The defaults used for the chat provider when no <c>--rpm</c> is given.</summary>
    public static readonly AdaptiveRateOptions Default = new();

    public AdaptiveRateOptions(
        double initialPerSecond = 400,
        double minPerSecond = 1,
        double maxPerSecond = 100_000,
        double margin = 0.95,
        double probePerSecond = 0.002,
        TimeSpan? window = null,
        TimeSpan? slowStartInterval = null,
        int minSample = 4)
    {
        if (!(minPerSecond > 0) || double.IsInfinity(minPerSecond))
        {
            throw new ArgumentException("MinPerSecond must be positive and finite.", nameof(minPerSecond));
        }

        if (!(maxPerSecond >= minPerSecond) || double.IsInfinity(maxPerSecond))
        {
            throw new ArgumentException("MaxPerSecond must be finite and at least MinPerSecond.", nameof(maxPerSecond));
        }

        if (!(initialPerSecond >= minPerSecond && initialPerSecond <= maxPerSecond))
        {
            throw new ArgumentException("InitialPerSecond must be between MinPerSecond and MaxPerSecond.", nameof(initialPerSecond));
        }

        if (!(margin is > 0 and <= 1))
        {
            throw new ArgumentException("Margin must be in (0, 1].", nameof(margin));
        }

        if (!(probePerSecond is >= 0 and <= 1))
        {
            throw new ArgumentException("ProbePerSecond must be in [0, 1].", nameof(probePerSecond));
        }

        Window = window ?? TimeSpan.FromSeconds(1);
        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentException("Window must be positive.", nameof(window));
        }

        SlowStartInterval = slowStartInterval ?? TimeSpan.FromMilliseconds(100);
        if (SlowStartInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SlowStartInterval must be positive.", nameof(slowStartInterval));
        }

        if (minSample < 1)
        {
            throw new ArgumentException("MinSample must be at least 1.", nameof(minSample));
        }

        InitialPerSecond = initialPerSecond;
        MinPerSecond = minPerSecond;
        MaxPerSecond = maxPerSecond;
        Margin = margin;
        ProbePerSecond = probePerSecond;
        MinSample = minSample;
    }

    /// <summary>
    /// The rate before anything is known; slow start doubles it while callers queue. Low enough that the requests sent
    /// before the first refusal of an undeclared limit comes back stay few, high enough that one doubling (which needs
    /// no answers yet) takes it past the demand of a hundred calls in flight, so the first wave is spaced, not held back.
    /// </summary>
    public double InitialPerSecond { get; }

    /// <summary>The floor: no sequence of refusals takes the rate below it.</summary>
    public double MinPerSecond { get; }

    /// <summary>The ceiling of slow start and probing (effectively "unlimited").</summary>
    public double MaxPerSecond { get; }

    /// <summary>
    /// After a refusal the rate settles at this fraction of what the provider accepted in the last window, so that
    /// requests reaching it some tens of milliseconds late (a loaded machine) still fit its window.
    /// </summary>
    public double Margin { get; }

    /// <summary>Additive probing above the learned rate: this fraction of it is added per second of saturation.</summary>
    public double ProbePerSecond { get; }

    /// <summary>The window over which accepted requests are counted (the provider's window is assumed to be one second).</summary>
    public TimeSpan Window { get; }

    /// <summary>Before the first refusal, the rate doubles after each such span of saturation.</summary>
    public TimeSpan SlowStartInterval { get; }

    /// <summary>Fewer accepted requests than this in the window are no measurement: the rate is halved instead.</summary>
    public int MinSample { get; }
}
