using System.Threading.RateLimiting;
using PromptOptimizer.Providers.Exa;
using PromptOptimizer.Providers.OpenRouter;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>
/// The run's rate limits as rows of the PostgreSQL store, so <c>--exa-qps</c> and <c>--rpm</c> hold across every worker.
/// The window is longer than the period by a margin (a fiftieth, like the local limiter's, but at least 100 ms): the
/// provider counts by arrival, and the time from a grant in the database to the request's arrival varies between
/// processes and machines (scheduling, GC, network) by far more than it does inside one process. Grants are also spaced
/// evenly (window ÷ limit apart), so a window's requests never leave together as a burst.
/// </summary>
internal static class SharedLimits
{
    private const int MarginDivisor = 50;
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromMilliseconds(100);

    public static RateLimiter ExaLimiter(PostgresCompletionStore store, double perSecond)
    {
        ArgumentNullException.ThrowIfNull(store);
        var basic = SharedRateLimiterOptions.PerSecond(ExaClient.ProviderName, perSecond);
        return store.CreateRateLimiter(Spaced(basic.Name, basic.PermitLimit, WithMargin(basic.Window)));
    }

    public static RateLimiter ChatLimiter(PostgresCompletionStore store, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(store);
        var period = TimeSpan.FromMinutes(1);
        return store.CreateRateLimiter(Spaced(OpenRouterClient.ProviderName, perMinute, WithMargin(period)));
    }

    /// <summary>Grants spread evenly over the window: the same sustained rate without bursts (see migration 3 of the PostgreSQL schema).</summary>
    private static SharedRateLimiterOptions Spaced(string name, int limit, TimeSpan window) => new(name, limit, window, spacing: window / limit);

    private static TimeSpan WithMargin(TimeSpan period)
    {
        var margin = period / MarginDivisor;
        return period + (margin < MinimumMargin ? MinimumMargin : margin);
    }
}
