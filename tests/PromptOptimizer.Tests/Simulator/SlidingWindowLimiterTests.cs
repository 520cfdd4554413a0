using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class SlidingWindowLimiterTests
{
    [Fact]
    public void TryAcquire_WindowSlides_OldArrivalsFreeSlots()
    {
        var time = new FakeTimeProvider();
        var limiter = new SlidingWindowLimiter(2, time);

        Assert.True(limiter.TryAcquire(out _));
        time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.True(limiter.TryAcquire(out _));
        Assert.False(limiter.TryAcquire(out var retry));
        Assert.Equal(1, retry);
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.True(limiter.TryAcquire(out _));
        Assert.False(limiter.TryAcquire(out _));
    }

    [Fact]
    public void TryAcquire_RateBelowOne_OneRequestPerLongerWindow()
    {
        var time = new FakeTimeProvider();
        var limiter = new SlidingWindowLimiter(0.25, time);

        Assert.True(limiter.TryAcquire(out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(limiter.TryAcquire(out var retry));
        Assert.Equal(3, retry);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(limiter.TryAcquire(out _));
    }
}
