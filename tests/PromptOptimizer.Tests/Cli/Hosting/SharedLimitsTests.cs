using PromptOptimizer.Cli.Hosting;

namespace PromptOptimizer.Tests.Cli.Hosting;

/// <summary>The rate limits every worker on one PostgreSQL database shares: their windows, spacing and how long a grant stays good.</summary>
public sealed class SharedLimitsTests
{
    [Fact]
    public void ExaOptions_25PerSecond_SpacedOverASecondAndAMarginAndGoodForHalfTheMargin()
    {
        var options = SharedLimits.ExaOptions(25);

        Assert.Equal(("exa", 25), (options.Name, options.PermitLimit));
        Assert.Equal(TimeSpan.FromMilliseconds(1100), options.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(44), options.Spacing);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.MaxGrantAge);
    }

    [Fact]
    public void ExaOptions_BelowOnePerSecond_OnePermitPerPeriodWithAFiftiethMargin()
    {
        var options = SharedLimits.ExaOptions(0.1);

        Assert.Equal(1, options.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(10.2), options.Window);
        Assert.Equal(TimeSpan.FromSeconds(0.1), options.MaxGrantAge);
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
