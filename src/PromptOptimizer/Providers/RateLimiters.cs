using System.Threading.RateLimiting;

namespace PromptOptimizer.Providers;

/// <summary>
/// Rate limits that hold in every window, not just on average. A permit stays counted for at least the window less
/// one segment, so with the window set to the period plus one segment no period can hold more than the limit.
/// </summary>
internal static class RateLimiters
{
    private const int Segments = 50;

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
        var segment = period / Segments;
        return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = period + segment,
            SegmentsPerWindow = Segments + 1,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
