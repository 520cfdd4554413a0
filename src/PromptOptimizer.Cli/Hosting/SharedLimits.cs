using System.Threading.RateLimiting;
using PromptOptimizer.Providers.Exa;
using PromptOptimizer.Providers.OpenRouter;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>
/// The run's rate limits as rows of the PostgreSQL store, so <c>--exa-qps</c> and <c>--rpm</c> hold across every worker.
/// The window is longer than the period by a margin (a fiftieth, like the local limiter's, but at least 100 ms): the
/// provider counts by arrival, and the time from a grant in the database to the request's arrival varies between
/// processes and machines (scheduling, GC, network) by far more than it does inside one process.
/// </summary>
internal static class SharedLimits
{
    private const int MarginDivisor = 50;
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromMilliseconds(100);

    public static RateLimiter ExaLimiter(PostgresCompletionStore store, double perSecond)
    {
        ArgumentNullException.ThrowIfNull(store);
        var basic = SharedRateLimiterOptions.PerSecond(ExaClient.ProviderName, perSecond);
        return store.CreateRateLimiter(new SharedRateLimiterOptions(basic.Name, basic.PermitLimit, WithMargin(basic.Window)));
    }

    public static RateLimiter ChatLimiter(PostgresCompletionStore store, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(store);
        var period = TimeSpan.FromMinutes(1);
        return store.CreateRateLimiter(new SharedRateLimiterOptions(OpenRouterClient.ProviderName, perMinute, WithMargin(period)));
    }

    private static TimeSpan WithMargin(TimeSpan period)
    {
        var margin = period / MarginDivisor;
        return period + (margin < MinimumMargin ? MinimumMargin : margin);
    }
}
