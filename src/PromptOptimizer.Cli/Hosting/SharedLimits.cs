using System.Threading.RateLimiting;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>
/// The run's rate limits as rows of the PostgreSQL store, so <c>--exa-qps</c> and <c>--rpm</c> hold across every worker.
/// The window is longer than the period by a margin (a fiftieth, like the local limiter's, but at least 100 ms): the
/// provider counts by arrival, and the time from a grant in the database to the request's arrival varies between
/// processes and machines (scheduling, GC, network) by far more than it does inside one process. Grants are also spaced
/// evenly (window ÷ limit apart), so a window's requests never leave together as a burst. A permit older than half the
/// margin (beyond the fastest earlier round trip to the database) when its request is about to leave is given up for a
/// fresh one (<see cref="SharedRateLimiterOptions.MaxGrantAge"/>):
/// a worker stalled after a grant for longer than the margin (a GC pause, a descheduled process) would otherwise
/// deliver it in the same second as permits granted a window later.
/// </summary>
internal static class SharedLimits
{
    private const int MarginDivisor = 50;
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromMilliseconds(100);

    public static RateLimiter ExaLimiter(IWorkQueue store, double perSecond)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.CreateRateLimiter(ExaOptions(perSecond));
    }

    public static RateLimiter ChatLimiter(IWorkQueue store, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.CreateRateLimiter(ChatOptions(perMinute));
    }

    /// <summary>The options of the shared Exa limit for <c>--exa-qps</c>.</summary>
    public static SharedRateLimiterOptions ExaOptions(double perSecond)
    {
        var basic = SharedRateLimiterOptions.PerSecond(ExaClient.ProviderName, perSecond);
        return Spaced(basic.Name, basic.PermitLimit, basic.Window);
    }

    /// <summary>The options of the shared chat limit for <c>--rpm</c>.</summary>
    public static SharedRateLimiterOptions ChatOptions(int perMinute) => Spaced(OpenRouterClient.ProviderName, perMinute, TimeSpan.FromMinutes(1));

    /// <summary>
    /// The provider's <paramref name="period"/> widened by the margin, with grants spread evenly over it (the same
    /// sustained rate without bursts, see migration 3 of the PostgreSQL schema) and a grant's use limited to half the margin
    /// (the limiter adds the fastest earlier round trip to the database).
    /// </summary>
    private static SharedRateLimiterOptions Spaced(string name, int limit, TimeSpan period)
    {
        var margin = period / MarginDivisor;
        margin = margin < MinimumMargin ? MinimumMargin : margin;
        var window = period + margin;
        return new(name, limit, window, spacing: window / limit, maxGrantAge: margin / 2);
    }
}
