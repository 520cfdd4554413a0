using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class RunOptionsTests
{
    [Fact]
    public void Constructor_NegativePrefetch_ThrowsNamingPrefetch()
    {
        var error = Assert.Throws<ArgumentException>(() => new RunOptions(RunVariant.FlashcardsWeb, "run", "worker", prefetch: -1));

        Assert.Equal("prefetch", error.ParamName);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(100, 25)]
    public void PrefetchFor_Concurrency_AQuarterNoneBelowFour(int concurrency, int expected) =>
        Assert.Equal(expected, RunOptions.PrefetchFor(concurrency));
}
