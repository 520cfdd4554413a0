using PromptOptimizer.Bench;

namespace PromptOptimizer.Tests.Bench;

public sealed class ArrivalRateTests
{
    [Fact]
    public void PerSecond_EvenlySpaced_OneOverTheSpacing()
    {
        // 11 arrivals 20 ms apart.
        var arrivals = Enumerable.Range(0, 11).Select(i => 20.0 * i).ToArray();

        Assert.Equal(50, ArrivalRate.PerSecond(arrivals, 5), 9);
    }

    [Fact]
    public void PerSecond_WholeBurstsOfTheGroupSize_GroupPerBurstInterval()
    {
        // Three per second, sent as bursts: first-to-last would say 8 requests in 2 s (4/s).
        double[] arrivals = [0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000];

        Assert.Equal(3, ArrivalRate.PerSecond(arrivals, 3), 9);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 5.0, 6.0, 7.0 })]
    [InlineData(new[] { 5.0, 5.0, 5.0, 5.0 })]
    public void PerSecond_TooFewArrivalsOrNoTime_Zero(double[] arrivals) => Assert.Equal(0, ArrivalRate.PerSecond(arrivals, 3));

    [Fact]
    public void Slack_ABurstThenPacedArrivals_ClosestWindowLessTheWindow()
    {
        // A limit of 3 per 1,000 ms: three at once, then one every 400 ms from 1,100 ms. The closest four consecutive
        // arrivals are the burst and the first after it: 1,100 ms apart, 100 ms more than the window.
        double[] arrivals = [0, 0, 0, 1100, 1500, 1900, 2300];

        Assert.Equal(100, ArrivalRate.Slack(arrivals, 3)!.Value, 9);
    }

    [Fact]
    public void Slack_FourInOneWindowUnderALimitOfThree_Negative()
    {
        double[] arrivals = [0, 300, 600, 900, 2000];

        Assert.Equal(-100, ArrivalRate.Slack(arrivals, 3)!.Value, 9);
    }

    [Fact]
    public void Slack_NoMoreArrivalsThanTheLimit_Null() => Assert.Null(ArrivalRate.Slack([0, 10, 20], 3));
}
