namespace PromptOptimizer.Providers;

/// <summary>
/// The rate controller behind <see cref="AdaptiveRateLimiter"/>: learns a provider's undeclared request rate from its
/// refusals (429). Before the first refusal the rate doubles while callers queue (slow start, as TCP). A refusal sets
/// the rate to <see cref="AdaptiveRateOptions.Margin"/> times what the provider accepted in the last window, which is
/// its limit measured, not guessed; further refusals of requests sent before that decision refine the same
/// measurement instead of compounding it. Afterwards the rate grows additively and slowly: every refusal costs a
/// provider-wide <c>Retry-After</c> pause (a whole window of lost capacity), so probing above the learned rate must
/// pay for itself. Times are offsets on one monotonic clock; not thread-safe (the limiter locks around it).
/// </summary>
internal sealed class AdaptiveRate(AdaptiveRateOptions options)
{
    /// <summary>How far behind schedule permits may be made up.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(20);

    private readonly Queue<TimeSpan> _sent = new();
    private readonly Queue<TimeSpan> _refused = new();
    private TimeSpan _nextDue;
    private TimeSpan _decidedAt = TimeSpan.MinValue;
    private TimeSpan _saturated;
    private double _learned = double.PositiveInfinity;
    private long _granted;
    private long _answered;
    private long _grantedAtDoubling;

    /// <summary>Permits per second granted now.</summary>
    public double PerSecond { get; private set; } = options.InitialPerSecond;

    /// <summary>The rate set by the last measured refusal (slow start ends there); null until one.</summary>
    public double? Learned => double.IsPositiveInfinity(_learned) ? null : _learned;

    /// <summary>Permits are spaced evenly: the next one is due one interval after the last was due.</summary>
    public TimeSpan NextDue => _nextDue;

    /// <summary>Records a permit granted at <paramref name="now"/>; <paramref name="paced"/> when its caller had to wait for it.</summary>
    public void Granted(TimeSpan now, bool paced)
    {
        _granted++;
        if (paced)
        {
            // Only a queue proves demand above the rate; growing while idle would license a burst later.
            Grow(TimeSpan.FromSeconds(1 / PerSecond));
        }

        // Counting from when the permit was due, not from when the timer fired, keeps timer lateness (a millisecond or
        // more per wake-up, worse on a loaded machine) from adding up, and lets a late pump hand out every permit that
        // fell due meanwhile at once. Arrears are capped, so after an idle spell the burst is small: at most
        // CatchUp x rate permits, or a single one at low rates.
        var interval = TimeSpan.FromSeconds(1 / PerSecond);
        var arrears = interval / 2 > CatchUp ? interval / 2 : CatchUp;
        _nextDue = (_nextDue > now - arrears ? _nextDue : now - arrears) + interval;
        _sent.Enqueue(now);
        Prune(now);
    }

    /// <summary>Records that a granted request got an answer other than a refusal.</summary>
    public void Answered() => _answered++;

    /// <summary>Records that the request granted at <paramref name="grantedAt"/> was refused (429), learned at <paramref name="now"/>.</summary>
    public void Refused(TimeSpan grantedAt, TimeSpan now)
    {
        _answered++;
        Prune(now);
        if (grantedAt > now - options.Window)
        {
            _refused.Enqueue(grantedAt);
        }

        var sameOvershoot = grantedAt < _decidedAt;
        if (!sameOvershoot)
        {
            _decidedAt = now;
        }

        _saturated = TimeSpan.Zero;
        var accepted = _sent.Count - _refused.Count;
        if (accepted >= options.MinSample)
        {
            var measured = options.Margin * accepted / options.Window.TotalSeconds;
            PerSecond = Math.Max(options.MinPerSecond, Math.Min(PerSecond, measured));
            _learned = PerSecond;
        }
        else if (!sameOvershoot)
        {
            // Too little accepted to measure (a longer provider window, or a shared quota): halve, and let slow start
            // climb back to the last measured rate.
            PerSecond = Math.Max(options.MinPerSecond, PerSecond / 2);
        }
    }

    private void Grow(TimeSpan saturated)
    {
        if (PerSecond < _learned)
        {
            // Doubling also waits until every request granted before the previous doubling has been answered (TCP's
            // one doubling per round trip): on a loaded machine answers come late, and a clock alone would keep
            // doubling into a limit whose refusals are still on their way.
            _saturated += saturated;
            if (_saturated >= options.SlowStartInterval && _answered >= _grantedAtDoubling)
            {
                _saturated = TimeSpan.Zero;
                _grantedAtDoubling = _granted;
                PerSecond = Math.Min(Math.Min(PerSecond * 2, _learned), options.MaxPerSecond);
            }

            return;
        }

        PerSecond = Math.Min(options.MaxPerSecond, PerSecond + (options.ProbePerSecond * _learned * saturated.TotalSeconds));
    }

    private void Prune(TimeSpan now)
    {
        var cutoff = now - options.Window;
        while (_sent.TryPeek(out var oldest) && oldest <= cutoff)
        {
            _sent.Dequeue();
        }

        while (_refused.TryPeek(out var oldest) && oldest <= cutoff)
        {
            _refused.Dequeue();
        }
    }
}
