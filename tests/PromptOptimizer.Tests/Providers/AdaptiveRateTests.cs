using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed class AdaptiveRateTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Granted_PacedInSlowStart_DoublesAfterEachIntervalOfSaturation()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 10, slowStartInterval: Ms(100)));

        rate.Granted(Ms(0), paced: true);
        Assert.Equal(20, rate.PerSecond);
        rate.Granted(Ms(50), paced: true);
        Assert.Equal(20, rate.PerSecond);
        rate.Answered();
        rate.Granted(Ms(100), paced: true);
        Assert.Equal(40, rate.PerSecond);
        Assert.Null(rate.Learned);
    }

    [Fact]
    public void Granted_PacedInSlowStartWhileAnswersAreOutstanding_WaitsForThemBeforeDoublingAgain()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 10, slowStartInterval: Ms(100)));
        rate.Granted(Ms(0), paced: true);
        Assert.Equal(20, rate.PerSecond);

        for (var i = 1; i <= 10; i++)
        {
            rate.Granted(Ms(i * 50), paced: true);
        }

        Assert.Equal(20, rate.PerSecond);
        rate.Answered();
        rate.Granted(Ms(600), paced: true);
        Assert.Equal(40, rate.PerSecond);
    }

    [Fact]
    public void Granted_NotPaced_RateStays()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 10));

        for (var i = 0; i < 50; i++)
        {
            rate.Granted(Ms(i * 200), paced: false);
        }

        Assert.Equal(10, rate.PerSecond);
    }

    [Fact]
    public void Granted_Paced_NextDueOneIntervalAfterThePreviousDueEvenWhenGrantedLate()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 10, maxPerSecond: 10));

        rate.Granted(Ms(0), paced: false);
        Assert.Equal(Ms(100), rate.NextDue);
        rate.Granted(Ms(130), paced: true);
        Assert.Equal(Ms(200), rate.NextDue);
        rate.Granted(Ms(1000), paced: false);
        Assert.Equal(Ms(1050), rate.NextDue);
    }

    [Fact]
    public void Refused_BurstOverTheLimit_RateIsTheMarginOfWhatWasAcceptedAndRefusalsOfTheSameBurstDoNotCompound()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 1000, maxPerSecond: 1000));
        for (var i = 0; i < 50; i++)
        {
            rate.Granted(Ms(i * 2), paced: false);
        }

        // The provider took the first 40 and refused the last 10; the refusals come back one by one.
        for (var i = 40; i < 50; i++)
        {
            rate.Refused(Ms(i * 2), Ms(100 + i));
        }

        Assert.Equal(0.95 * 40, rate.PerSecond, 9);
        Assert.Equal(0.95 * 40, rate.Learned!.Value, 9);
    }

    [Fact]
    public void Refused_TooFewAcceptedToMeasure_HalvesAndTheFloorHolds()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 16, minPerSecond: 3, minSample: 4));
        var now = TimeSpan.Zero;
        var halvings = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            // Each refusal is of a request sent after the previous decision: a new overshoot every time.
            now += TimeSpan.FromSeconds(2);
            rate.Granted(now, paced: false);
            rate.Refused(now, now + Ms(1));
            halvings.Add(rate.PerSecond);
        }

        Assert.Equal([8, 4, 3, 3, 3, 3], halvings);
        Assert.Null(rate.Learned);
    }

    [Fact]
    public void Refused_EveryRequestInTheWindow_RateStopsAtTheFloor()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 100, minPerSecond: 2, minSample: 1));
        for (var i = 0; i < 10; i++)
        {
            rate.Granted(Ms(i * 10), paced: false);
        }

        rate.Granted(Ms(100), paced: false);
        rate.Refused(Ms(100), Ms(101));
        for (var i = 0; i < 10; i++)
        {
            rate.Refused(Ms(i * 10), Ms(102 + i));
        }

        Assert.Equal(2, rate.PerSecond);
    }

    [Fact]
    public void Granted_SaturatedAfterLearning_RisesAdditivelyBySmallSteps()
    {
        var options = new AdaptiveRateOptions(initialPerSecond: 1000, maxPerSecond: 1000, probePerSecond: 0.002);
        var rate = new AdaptiveRate(options);
        for (var i = 0; i < 21; i++)
        {
            rate.Granted(Ms(i), paced: false);
        }

        rate.Refused(Ms(20), Ms(21));
        var learned = rate.Learned!.Value;
        Assert.Equal(19, learned, 9);

        var saturated = 0.0;
        var now = Ms(21);
        for (var i = 0; i < 200; i++)
        {
            saturated += 1 / rate.PerSecond;
            now += TimeSpan.FromSeconds(1 / rate.PerSecond);
            rate.Granted(now, paced: true);
        }

        Assert.Equal(learned + (0.002 * learned * saturated), rate.PerSecond, 6);
        Assert.InRange(rate.PerSecond, learned * 1.015, learned * 1.03);
        Assert.Equal(learned, rate.Learned!.Value, 9);
    }

    [Fact]
    public void Granted_SaturatedAfterAHalving_SlowStartClimbsBackToTheLearnedRateOnly()
    {
        var rate = new AdaptiveRate(new AdaptiveRateOptions(initialPerSecond: 1000, maxPerSecond: 1000, probePerSecond: 0, slowStartInterval: Ms(100)));
        for (var i = 0; i < 21; i++)
        {
            rate.Granted(Ms(i), paced: false);
        }

        rate.Refused(Ms(20), Ms(21));
        var now = TimeSpan.FromSeconds(5);
        rate.Granted(now, paced: false);
        rate.Refused(now, now + Ms(1));
        Assert.Equal(9.5, rate.PerSecond, 9);

        for (var i = 0; i < 100; i++)
        {
            now += Ms(100);
            rate.Granted(now, paced: true);
            rate.Answered();
        }

        Assert.Equal(19, rate.PerSecond, 9);
    }

    [Theory]
    [InlineData(10, 0, 100, 0.95, 0.002, "minPerSecond")]
    [InlineData(10, 20, 5, 0.95, 0.002, "maxPerSecond")]
    [InlineData(0.5, 1, 100, 0.95, 0.002, "initialPerSecond")]
    [InlineData(10, 1, 100, 0, 0.002, "margin")]
    [InlineData(10, 1, 100, 0.95, -1, "probePerSecond")]
    public void Options_OutOfRange_ThrowNamingTheProperty(double initial, double min, double max, double margin, double probe, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new AdaptiveRateOptions(initial, min, max, margin, probe));

        Assert.Equal(name, error.ParamName);
    }
}
