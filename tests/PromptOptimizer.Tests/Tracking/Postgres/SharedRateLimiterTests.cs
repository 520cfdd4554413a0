using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>The PostgreSQL-backed limiter shared by many processes (here: separate stores and connection pools).</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class SharedRateLimiterTests : IAsyncLifetime
{
    private readonly List<PostgresCompletionStore> _stores = [];
    private PostgresTestDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task AcquireAsync_ThreeLimitersConcurrently_NoWindowHoldsMoreThanTheLimit()
    {
        const int limit = 4;
        var window = TimeSpan.FromMilliseconds(400);
        var options = new SharedRateLimiterOptions("exa", limit, window, TimeSpan.FromMilliseconds(20));
        var limiters = new List<SharedRateLimiter>();
        for (var i = 0; i < 3; i++)
        {
            limiters.Add((await OpenAsync(TimeProvider.System)).CreateRateLimiter(options));
        }

        var grants = new ConcurrentBag<DateTimeOffset>();
        var callers = limiters.SelectMany(limiter => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (var n = 0; n < 3; n++)
            {
                using var lease = await limiter.AcquireAsync(1);
                Assert.True(lease.IsAcquired);
                Assert.True(lease.TryGetMetadata(SharedRateLimitLease.GrantedAtName, out var at));
                grants.Add((DateTimeOffset)at!);
            }
        }))).ToArray();
        await Task.WhenAll(callers);

        var times = grants.Order().ToArray();
        Assert.Equal(27, times.Length);
        for (var i = 0; i + limit < times.Length; i++)
        {
            // Grants i and i+limit may never fall in one window: that would be limit+1 grants in it.
            Assert.True(times[i + limit] - times[i] >= window, $"grants {i} and {i + limit} are {(times[i + limit] - times[i]).TotalMilliseconds} ms apart");
        }

        // That the limit is also used, not just respected, is shown without a clock: the whole limit is granted at once
        // across limiters in AttemptAcquire_LimitReached_RefusesWithRetryAfterAcrossLimiters.
    }

    [SkippableFact]
    public async Task AcquireAsync_WithSpacing_NoTwoGrantsCloserThanTheSpacingAcrossLimiters()
    {
        const int limit = 5;
        var window = TimeSpan.FromMilliseconds(300);
        var spacing = window / limit;
        var options = new SharedRateLimiterOptions("exa", limit, window, TimeSpan.FromMilliseconds(10), spacing);
        var limiters = new List<SharedRateLimiter>();
        for (var i = 0; i < 3; i++)
        {
            limiters.Add((await OpenAsync(TimeProvider.System)).CreateRateLimiter(options));
        }

        var grants = new ConcurrentBag<DateTimeOffset>();
        await Task.WhenAll(limiters.SelectMany(limiter => Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var n = 0; n < 3; n++)
            {
                using var lease = await limiter.AcquireAsync(1);
                Assert.True(lease.TryGetMetadata(SharedRateLimitLease.GrantedAtName, out var at));
                grants.Add((DateTimeOffset)at!);
            }
        }))));

        // Without spacing the first five would be granted at once; with it each grant has its own slot.
        var times = grants.Order().ToArray();
        Assert.Equal(18, times.Length);
        for (var i = 1; i < times.Length; i++)
        {
            Assert.True(times[i] - times[i - 1] >= spacing, $"grants {i - 1} and {i} are {(times[i] - times[i - 1]).TotalMilliseconds} ms apart");
        }
    }

    [SkippableFact]
    public async Task AttemptAcquire_SpacingNotElapsed_RefusesWithTheRestOfTheSpacing()
    {
        var store = await OpenAsync(TimeProvider.System);
        using var limiter = store.CreateRateLimiter(new SharedRateLimiterOptions("chat", 10, TimeSpan.FromHours(10), spacing: TimeSpan.FromHours(1)));

        using var first = limiter.AttemptAcquire(1);
        using var second = limiter.AttemptAcquire(1);

        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
        Assert.True(second.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [SkippableFact]
    public async Task AttemptAcquire_LimitReached_RefusesWithRetryAfterAcrossLimiters()
    {
        var options = new SharedRateLimiterOptions("chat", 2, TimeSpan.FromHours(1));
        using var one = (await OpenAsync(TimeProvider.System)).CreateRateLimiter(options);
        using var two = (await OpenAsync(TimeProvider.System)).CreateRateLimiter(options);

        using var first = one.AttemptAcquire();
        using var second = two.AttemptAcquire();
        using var third = one.AttemptAcquire();

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(1, one.GetStatistics()!.TotalFailedLeases);
        Assert.Equal(1, two.GetStatistics()!.TotalSuccessfulLeases);
        Assert.Throws<ArgumentOutOfRangeException>(() => one.AttemptAcquire(3));
    }

    [SkippableFact]
    public async Task AcquireAsync_LimitReached_WaitsOnTheTimeProviderUntilCancelled()
    {
        var time = new FakeTimeProvider();
        using var limiter = (await OpenAsync(time)).CreateRateLimiter(new SharedRateLimiterOptions("slow", 1, TimeSpan.FromHours(1), TimeSpan.FromSeconds(5)));
        using var first = await limiter.AcquireAsync(1);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(1, cancel.Token).AsTask();
        await WaitForFailedTriesAsync(limiter, 2, time);

        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [SkippableFact]
    public async Task AcquireAsync_MaxGrantAgePassedSinceTheGrantingQuery_LeaseExpired()
    {
        var time = new FakeTimeProvider();
        var store = await OpenAsync(time);
        using var aging = store.CreateRateLimiter(new SharedRateLimiterOptions("exa", 10, TimeSpan.FromSeconds(1), maxGrantAge: TimeSpan.FromMilliseconds(50)));
        using var ageless = store.CreateRateLimiter(new SharedRateLimiterOptions("chat", 10, TimeSpan.FromSeconds(1)));

        using var lease = await aging.AcquireAsync(1);
        using var synchronous = aging.AttemptAcquire(1);
        using var forever = await ageless.AcquireAsync(1);
        var fresh = (((IExpiringLease)lease).IsExpired, ((IExpiringLease)synchronous).IsExpired);
        time.Advance(TimeSpan.FromMilliseconds(50));
        var atTheLimit = ((IExpiringLease)lease).IsExpired;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(lease.IsAcquired && synchronous.IsAcquired && forever.IsAcquired);
        Assert.Equal((false, false), fresh);
        Assert.False(atTheLimit);
        Assert.True(((IExpiringLease)lease).IsExpired);
        Assert.True(((IExpiringLease)synchronous).IsExpired);
        Assert.False(((IExpiringLease)forever).IsExpired);
    }

    [SkippableFact]
    public async Task AcquireAsync_GrantingQueryStalledLongerThanMaxGrantAge_LeaseExpiredOnArrival()
    {
        var time = new FakeTimeProvider();
        using var limiter = (await OpenAsync(time)).CreateRateLimiter(Aging);
        using var warm = await limiter.AcquireAsync(1);

        // The first grant's round trip (no time on the fake clock) is the fastest; these are held 100 ms at the row lock.
        // The second stalled one is still judged against the fast one, not against the stall before it.
        using var lease = await AcquireWhileRowLockedAsync(limiter, time, TimeSpan.FromMilliseconds(100));
        using var again = await AcquireWhileRowLockedAsync(limiter, time, TimeSpan.FromMilliseconds(100));

        Assert.True(lease.IsAcquired && again.IsAcquired);
        Assert.True(((IExpiringLease)lease).IsExpired);
        Assert.True(((IExpiringLease)again).IsExpired);
    }

    [SkippableFact]
    public async Task AcquireAsync_EveryRoundTripSlow_TheFastestEarlierIsNotCountedAsAge()
    {
        var time = new FakeTimeProvider();
        var store = await OpenAsync(time);
        using (await store.CreateRateLimiter(Aging).AcquireAsync(1))
        {
            // Only creates the limit's row, so that it can be locked below.
        }

        // A limiter whose every round trip takes 100 ms (a distant database). The first has nothing earlier to be
        // judged against, so it counts in full; from then on 100 ms is what every grant costs.
        using var limiter = store.CreateRateLimiter(Aging);
        using var first = await AcquireWhileRowLockedAsync(limiter, time, TimeSpan.FromMilliseconds(100));
        var firstOnArrival = ((IExpiringLease)first).IsExpired;
        using var second = await AcquireWhileRowLockedAsync(limiter, time, TimeSpan.FromMilliseconds(100));
        var secondOnArrival = ((IExpiringLease)second).IsExpired;
        time.Advance(TimeSpan.FromMilliseconds(51));

        Assert.True(firstOnArrival);
        Assert.False(secondOnArrival);
        Assert.True(((IExpiringLease)second).IsExpired);
    }

    [Fact]
    public void Options_Invalid_ThrowNamingTheProperty()
    {
        Assert.Equal("permitLimit", Assert.Throws<ArgumentException>(() => new SharedRateLimiterOptions("x", 0, TimeSpan.FromSeconds(1))).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentException>(() => new SharedRateLimiterOptions("x", 1, TimeSpan.Zero)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new SharedRateLimiterOptions(" ", 1, TimeSpan.FromSeconds(1))).ParamName);
        Assert.Equal("spacing", Assert.Throws<ArgumentException>(() => new SharedRateLimiterOptions("x", 1, TimeSpan.FromSeconds(1), spacing: TimeSpan.FromSeconds(2))).ParamName);
        Assert.Equal("spacing", Assert.Throws<ArgumentException>(() => new SharedRateLimiterOptions("x", 1, TimeSpan.FromSeconds(1), spacing: TimeSpan.FromSeconds(-1))).ParamName);
        Assert.Equal("maxGrantAge", Assert.Throws<ArgumentException>(() => new SharedRateLimiterOptions("x", 1, TimeSpan.FromSeconds(1), maxGrantAge: TimeSpan.Zero)).ParamName);
        var slow = SharedRateLimiterOptions.PerSecond("exa", 0.5);
        Assert.Equal((1, TimeSpan.FromSeconds(2)), (slow.PermitLimit, slow.Window));
        Assert.Equal((5, TimeSpan.FromSeconds(1)), (SharedRateLimiterOptions.PerSecond("exa", 5.9).PermitLimit, SharedRateLimiterOptions.PerSecond("exa", 5.9).Window));
        Assert.Equal(TimeSpan.FromMinutes(1), SharedRateLimiterOptions.PerMinute("chat", 60).Window);
    }

    /// <summary>
    /// Each refused try is a round trip to the server, so the test waits (bounded) for it to be counted, moving the
    /// fake clock on meanwhile: only the fake clock can end the limiter's sleep between tries.
    /// </summary>
    private static Task WaitForFailedTriesAsync(SharedRateLimiter limiter, long count, FakeTimeProvider time) =>
        Poll.UntilAsync(
            () =>
            {
                if (limiter.GetStatistics()!.TotalFailedLeases >= count)
                {
                    return true;
                }

                time.Advance(TimeSpan.FromSeconds(1));
                return false;
            },
            TimeSpan.FromSeconds(30),
            $"{count} refused tries");

    private static SharedRateLimiterOptions Aging => new("exa", 10, TimeSpan.FromSeconds(1), maxGrantAge: TimeSpan.FromMilliseconds(50));

    /// <summary>
    /// Acquires while another transaction holds the limit's row, and moves the fake clock on by <paramref name="held"/>
    /// once the acquiring query is seen waiting for that lock (bounded), so its round trip takes exactly that long.
    /// </summary>
    private async Task<RateLimitLease> AcquireWhileRowLockedAsync(SharedRateLimiter limiter, FakeTimeProvider time, TimeSpan held)
    {
        await using var blocker = new NpgsqlConnection(_database!.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT grants FROM rate_limits WHERE name = 'exa' FOR UPDATE", blocker, transaction))
        {
            Assert.NotNull(await lockRow.ExecuteScalarAsync());
        }

        var acquiring = limiter.AcquireAsync(1).AsTask();
        await Poll.UntilAsync(
            async () => Convert.ToInt64(await _database.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"), CultureInfo.InvariantCulture) > 0,
            TimeSpan.FromSeconds(30),
            "the acquiring query waiting for the row lock");

        time.Advance(held);
        await transaction.CommitAsync();
        return await acquiring;
    }

    [SkippableFact]
    public async Task AcquireAsync_DatabaseCutThenRestored_WaitsUnderTheStoresOutageBudgetAndGrants()
    {
        _database ??= await PostgresTestDatabase.CreateAsync();
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        await using var relay = Distributed.TcpRelay.Start(server.Host!, server.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 5 }.ConnectionString;
        var store = new PostgresCompletionStore(viaRelay, TimeProvider.System);
        _stores.Add(store);
        await store.InitializeAsync(default);
        using var limiter = store.CreateRateLimiter(new SharedRateLimiterOptions("exa", 5, TimeSpan.FromSeconds(1)));

        relay.Cut();
        var acquiring = limiter.AcquireAsync(1).AsTask();
        await Poll.UntilAsync(() => store.Outage.InOutage || acquiring.IsCompleted, TimeSpan.FromSeconds(30), "the limiter to meet the outage");
        Assert.False(acquiring.IsCompleted);
        relay.Restore();

        using var lease = await acquiring.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(lease.IsAcquired);
        Assert.False(store.Outage.InOutage);
    }

    private async Task<PostgresCompletionStore> OpenAsync(TimeProvider time)
    {
        _database ??= await PostgresTestDatabase.CreateAsync();
        var store = new PostgresCompletionStore(_database.ConnectionString, time);
        _stores.Add(store);
        await store.InitializeAsync(default);
        return store;
    }
}
