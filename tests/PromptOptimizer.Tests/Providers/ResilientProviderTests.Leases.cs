using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed partial class ResilientProviderTests
{
    [Fact]
    public async Task SearchAsync_PermitExpiredBeforeTheSend_SpendsAFreshOneAndSearchesOnce()
    {
        using var limiter = new ExpiringLeaseLimiter(expired: 1);
        await using var stack = await SimStack.StartAsync(exaLimiter: limiter);

        var answer = await stack.Provider.SearchAsync(new SearchRequest("expiring permits", 3), new RecordingObserver(), CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(2, limiter.Granted);
        Assert.Equal(2, limiter.DisposedLeases);
        Assert.Equal(1, stack.Provider.ExpiredPermits);
        Assert.Equal(1, stack.Simulator.GetStats().CountOf("search", 200));
    }

    [Fact]
    public async Task SearchAsync_EveryPermitExpired_SpendsTheLastTriedInsteadOfWastingThemAll()
    {
        using var limiter = new ExpiringLeaseLimiter(expired: int.MaxValue);
        await using var stack = await SimStack.StartAsync(exaLimiter: limiter);

        var answer = await stack.Provider.SearchAsync(new SearchRequest("a stalled process", 3), new RecordingObserver(), CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(1 + ResilientProvider.MaxExpiredLeases, limiter.Granted);
        Assert.Equal(limiter.Granted, limiter.DisposedLeases);
        Assert.Equal(ResilientProvider.MaxExpiredLeases, stack.Provider.ExpiredPermits);
        Assert.Equal(1, stack.Simulator.GetStats().CountOf("search", 200));
    }
}
