using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>The rate limits every worker on one PostgreSQL database shares: their windows, spacing and how long a grant stays good.</summary>
public sealed class SharedRateLimiterOptionsTests
{
    [Theory]
    [InlineData(25, 25, 1100, 44, 50)]
    [InlineData(0.1, 1, 10_200, 10_200, 100)]
    public void WithArrivalMargin_PerSecond_WindowIsThePeriodAndAMarginAndPermitsAreGoodForHalfTheMargin(
        double perSecond, int limit, double windowMs, double spacingMs, double maxGrantAgeMs)
    {
        var options = SharedRateLimiterOptions.PerSecond("exa", perSecond).WithArrivalMargin();

        Assert.Equal(("exa", limit), (options.Name, options.PermitLimit));
        Assert.Equal(TimeSpan.FromMilliseconds(windowMs), options.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(spacingMs), options.Spacing);
        Assert.Equal(TimeSpan.FromMilliseconds(maxGrantAgeMs), options.MaxGrantAge);
    }

    [Fact]
    public void WithArrivalMargin_PerMinute_MarginIsAFiftiethOfTheMinute()
    {
        var options = SharedRateLimiterOptions.PerMinute("openrouter", 600).WithArrivalMargin();

        Assert.Equal(600, options.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(61.2), options.Window);
        Assert.Equal(TimeSpan.FromSeconds(0.6), options.MaxGrantAge);
    }
}
