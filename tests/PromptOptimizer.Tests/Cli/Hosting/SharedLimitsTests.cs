using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Tests.Tracking.Postgres;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Tests.Cli.Hosting;

/// <summary>The rate limits every worker on one PostgreSQL database shares: their windows, spacing and how long a grant stays good.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class SharedLimitsTests : IAsyncLifetime
{
    private PostgresTestDatabase? database;
    private PostgresCompletionStore? store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task ExaLimiter_25PerSecond_SpacedOverASecondAndAMarginAndGoodForHalfTheMargin()
    {
        using var limiter = (SharedRateLimiter)SharedLimits.ExaLimiter(await OpenAsync(), 25);

        Assert.Equal(25, limiter.Options.PermitLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(1100), limiter.Options.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(44), limiter.Options.Spacing);
        Assert.Equal(TimeSpan.FromMilliseconds(50), limiter.Options.MaxGrantAge);
    }

    [SkippableFact]
    public async Task ChatLimiter_PerMinute_MarginIsAFiftiethOfTheMinute()
    {
        using var limiter = (SharedRateLimiter)SharedLimits.ChatLimiter(await OpenAsync(), 600);

        Assert.Equal(600, limiter.Options.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(61.2), limiter.Options.Window);
        Assert.Equal(TimeSpan.FromSeconds(0.6), limiter.Options.MaxGrantAge);
    }

    /// <summary>Skips the test (inside it, where a skip counts) when no PostgreSQL server is configured.</summary>
    private async Task<PostgresCompletionStore> OpenAsync()
    {
        database = await PostgresTestDatabase.CreateAsync();
        store = new PostgresCompletionStore(database.ConnectionString, TimeProvider.System);
        await store.InitializeAsync(default);
        return store;
    }
}
