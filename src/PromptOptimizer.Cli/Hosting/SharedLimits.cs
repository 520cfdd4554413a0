using System.Threading.RateLimiting;
using PromptOptimizer.Providers.Exa;
using PromptOptimizer.Providers.OpenRouter;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>
/// The run's rate limits as rows of the PostgreSQL store, so <c>--exa-qps</c> and <c>--rpm</c> hold across every worker.
/// The window is one fiftieth longer than the period, like the local limiter's, so that a grant's trip to the
/// provider (which counts by arrival) cannot squeeze one call too many into a period.
/// </summary>
internal static class SharedLimits
{
    private const int MarginDivisor = 50;

    public static RateLimiter ExaLimiter(PostgresCompletionStore store, double perSecond)
    {
        ArgumentNullException.ThrowIfNull(store);
        var basic = SharedRateLimiterOptions.PerSecond(ExaClient.ProviderName, perSecond);
        return store.CreateRateLimiter(new SharedRateLimiterOptions(basic.Name, basic.PermitLimit, basic.Window + (basic.Window / MarginDivisor)));
    }

    public static RateLimiter ChatLimiter(PostgresCompletionStore store, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(store);
        var period = TimeSpan.FromMinutes(1);
        return store.CreateRateLimiter(new SharedRateLimiterOptions(OpenRouterClient.ProviderName, perMinute, period + (period / MarginDivisor)));
    }
}
