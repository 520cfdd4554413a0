using System.Threading.RateLimiting;

namespace PromptOptimizer.Providers;

/// <summary>
/// Rate limits that hold in every window of the provider's clock, not just on average. A sliding-window permit stays
/// counted for at least the window less one segment; the window is the period plus a margin, so even when requests
/// reach the provider some tens of milliseconds after their permit (a loaded machine), no period there sees more than
/// the limit. The price is the margin: about 5% of the nominal rate.
/// </summary>
internal static class RateLimiters
{
    /// <summary>How late a request may arrive after its permit without breaking the limit at the provider.</summary>
    public static readonly TimeSpan ArrivalTolerance = TimeSpan.FromMilliseconds(40);

    private static readonly TimeSpan Segment = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// At most <paramref name="perSecond"/> calls in any 1-second window: fractions round down; below 1 per second,
    /// one call per 1/<paramref name="perSecond"/> seconds.
    /// </summary>
    public static RateLimiter PerSecond(double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        return perSecond >= 1
            ? Create((int)Math.Floor(perSecond), TimeSpan.FromSeconds(1))
            : Create(1, TimeSpan.FromSeconds(1 / perSecond));
    }

    /// <summary>At most <paramref name="perMinute"/> calls in any 1-minute window.</summary>
    public static RateLimiter PerMinute(int perMinute) => Create(perMinute, TimeSpan.FromMinutes(1));

    private static SlidingWindowRateLimiter Create(int limit, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // Long periods need no 10 ms segments: a hundredth of the period keeps the timer cheap.
        var segment = period > TimeSpan.FromSeconds(10) ? period / 100 : Segment;
        var window = period + ArrivalTolerance + segment;
        return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            SegmentsPerWindow = (int)Math.Ceiling(window / segment),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
