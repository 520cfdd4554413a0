using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed class AdaptiveRateLimiterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // 10 per second: one permit every 100 ms, and no slow start in the way.
    private static readonly AdaptiveRateOptions Fixed = new(initialPerSecond: 10, minPerSecond: 1, maxPerSecond: 10);

    [Fact]
    public async Task AcquireAsync_NothingQueued_GrantedAtOnce()
    {
        var time = new FakeTimeProvider();
        using var limiter = new AdaptiveRateLimiter(new ProviderGate("p", time), time, Fixed);

        using var lease = await limiter.AcquireAsync(1, CancellationToken.None).AsTask().WaitAsync(Deadline);

        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_ManyAtOnce_ReleasedOneIntervalApart()
    {
        var time = new FakeTimeProvider();
        using var limiter = new AdaptiveRateLimiter(new ProviderGate("p", time), time, Fixed);

        var leases = Enumerable.Range(0, 4).Select(_ => limiter.AcquireAsync(1, CancellationToken.None).AsTask()).ToArray();
        await leases[0].WaitAsync(Deadline);

        for (var next = 1; next < leases.Length; next++)
        {
            Assert.All(leases[next..], lease => Assert.False(lease.IsCompleted));
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.True((await leases[next].WaitAsync(Deadline)).IsAcquired);
        }
    }

    [Fact]
    public async Task AcquireAsync_WaitersDuringCooldown_ReleasedSpacedWhenItEnds()
    {
        var time = new FakeTimeProvider();
        var gate = new ProviderGate("p", time);
        using var limiter = new AdaptiveRateLimiter(gate, time, Fixed);
        gate.PauseFor(TimeSpan.FromSeconds(1));

        var leases = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(1, CancellationToken.None).AsTask()).ToArray();
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.All(leases, lease => Assert.False(lease.IsCompleted));

        time.Advance(TimeSpan.FromMilliseconds(1));
        await leases[0].WaitAsync(Deadline);
        Assert.All(leases[1..], lease => Assert.False(lease.IsCompleted));
        time.Advance(TimeSpan.FromMilliseconds(100));
        await leases[1].WaitAsync(Deadline);
        Assert.All(leases[2..], lease => Assert.False(lease.IsCompleted));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileQueued_ThrowsAndTheNextCallerGetsTheSlot()
    {
        var time = new FakeTimeProvider();
        using var limiter = new AdaptiveRateLimiter(new ProviderGate("p", time), time, Fixed);
        using var first = await limiter.AcquireAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var cancelled = limiter.AcquireAsync(1, cancel.Token).AsTask();
        var next = limiter.AcquireAsync(1, CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        time.Advance(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Deadline));
        Assert.True((await next.WaitAsync(Deadline)).IsAcquired);
    }

    [Fact]
    public async Task DisposeAsync_CallersQueued_GetFailedLeases()
    {
        var time = new FakeTimeProvider();
        var limiter = new AdaptiveRateLimiter(new ProviderGate("p", time), time, Fixed);
        using var first = await limiter.AcquireAsync(1, CancellationToken.None);
        var queued = limiter.AcquireAsync(1, CancellationToken.None).AsTask();

        await limiter.DisposeAsync();

        Assert.False((await queued.WaitAsync(Deadline)).IsAcquired);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await limiter.AcquireAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task ReportRefused_AfterABurst_LowersTheRateToTheAcceptedCount()
    {
        var time = new FakeTimeProvider();
        using var limiter = new AdaptiveRateLimiter(new ProviderGate("p", time), time, new AdaptiveRateOptions(initialPerSecond: 1000, maxPerSecond: 1000));
        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 30; i++)
        {
            leases.Add(await limiter.AcquireAsync(1, CancellationToken.None).AsTask().WaitAsync(Deadline));
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        // The provider took 20 of the 30 and refused the rest.
        foreach (var refused in leases[20..])
        {
            limiter.ReportRefused(refused);
        }

        Assert.Equal(0.95 * 20, limiter.PermitsPerSecond, 6);
        Assert.Equal(0.95 * 20, limiter.LearnedPerSecond!.Value, 6);
    }
}
