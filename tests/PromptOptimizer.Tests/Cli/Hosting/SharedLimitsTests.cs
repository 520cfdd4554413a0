using PromptOptimizer.Cli.Hosting;

namespace PromptOptimizer.Tests.Cli.Hosting;

/// <summary>The rate limits every worker on one PostgreSQL database shares: their windows, spacing and how long a grant stays good.</summary>
public sealed class SharedLimitsTests
{
    [Theory]
    [InlineData(25, 25, 1100, 44, 50)]
    [InlineData(0.1, 1, 10_200, 10_200, 100)]
    public void ExaOptions_PerSecond_WindowIsThePeriodAndAMarginAndPermitsAreGoodForHalfTheMargin(
        double perSecond, int limit, double windowMs, double spacingMs, double maxGrantAgeMs)
    {
        var options = SharedLimits.ExaOptions(perSecond);

        Assert.Equal(("exa", limit), (options.Name, options.PermitLimit));
        Assert.Equal(TimeSpan.FromMilliseconds(windowMs), options.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(spacingMs), options.Spacing);
        Assert.Equal(TimeSpan.FromMilliseconds(maxGrantAgeMs), options.MaxGrantAge);
    }

    [Fact]
    public void ChatOptions_PerMinute_MarginIsAFiftiethOfTheMinute()
    {
        var options = SharedLimits.ChatOptions(600);

        Assert.Equal(600, options.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(61.2), options.Window);
        Assert.Equal(TimeSpan.FromSeconds(0.6), options.MaxGrantAge);
    }
}
