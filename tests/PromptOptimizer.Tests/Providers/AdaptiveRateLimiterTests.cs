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
        var first = (PacedLease)await leases[0].WaitAsync(Deadline);
        Assert.All(leases[1..], lease => Assert.False(lease.IsCompleted));

        // Each permit is due one interval after the previous one was due, not after it was granted: a grant that comes
        // a step late (the pump registers its timer after the test moved time) does not push the next ones back. So
        // the n-th permit comes no sooner than n intervals after the first.
        for (var next = 1; next < leases.Length; next++)
        {
            var granted = await GrantedWhileTimePassesAsync(time, leases[next]);
            Assert.True(granted.IsAcquired);
            Assert.True(granted.GrantedAt - first.GrantedAt >= TimeSpan.FromMilliseconds(100 * next), $"lease {next} came {granted.GrantedAt - first.GrantedAt} after the first");
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

        var first = await GrantedWhileTimePassesAsync(time, leases[0]);
        var second = await GrantedWhileTimePassesAsync(time, leases[1]);
        var third = await GrantedWhileTimePassesAsync(time, leases[2]);

        Assert.True(first.GrantedAt >= TimeSpan.FromSeconds(1), $"granted at {first.GrantedAt}, inside the cooldown");
        // The first interval after an idle spell may be shortened by the catch-up allowance (half an interval here).
        Assert.True(second.GrantedAt - first.GrantedAt >= TimeSpan.FromMilliseconds(50), $"{second.GrantedAt - first.GrantedAt} between the first two");
        // Due one interval after the second was due (first + 50 ms), however late the second was granted.
        Assert.True(third.GrantedAt - first.GrantedAt >= TimeSpan.FromMilliseconds(150), $"{third.GrantedAt - first.GrantedAt} between the first and the third");
    }

    /// <summary>
    /// Lets fake time pass a millisecond at a time until <paramref name="lease"/> is granted. The limiter's pump computes
    /// its wait and only then registers its timer, so one big step taken between the two would schedule the timer past
    /// the step; small steps always catch up. Spacing is asserted on the grant times, not on how far time was moved.
    /// </summary>
    private static async Task<PacedLease> GrantedWhileTimePassesAsync(FakeTimeProvider time, Task<RateLimitLease> lease)
    {
        for (var step = 0; step < 10_000 && !lease.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Yield();
        }

        return (PacedLease)await lease.WaitAsync(Deadline);
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

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Deadline));
        Assert.True((await GrantedWhileTimePassesAsync(time, next)).IsAcquired);
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
