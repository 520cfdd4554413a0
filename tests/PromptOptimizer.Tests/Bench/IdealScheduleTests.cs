using PromptOptimizer.Bench;

namespace PromptOptimizer.Tests.Bench;

public sealed class IdealScheduleTests
{
    [Fact]
    public void Efficiency_EqualLatenciesFillingEverySlot_IsOne()
    {
        var latencies = Enumerable.Repeat(100.0, 200).ToArray();

        Assert.Equal(1.0, IdealSchedule.Efficiency(latencies, 100), 12);
    }

    [Fact]
    public void Efficiency_SlowCallInTheLastWave_ChargesItsTail()
    {
        // Two slots: 100 and 100 run together, then 300 runs alone from 100 to 400: 500 ms busy of 2 × 400.
        Assert.Equal(0.625, IdealSchedule.Efficiency([100, 100, 300], 2), 12);
    }

    [Fact]
    public void Efficiency_SlowCallArrivingFirst_OverlapsTheOthers()
    {
        // The same draws in another arrival order: 300 on one slot, 100 then 100 on the other; 500 of 2 × 300.
        Assert.Equal(500.0 / 600.0, IdealSchedule.Efficiency([300, 100, 100], 2), 12);
    }

    [Fact]
    public void Efficiency_NoLatencies_IsZero() => Assert.Equal(0, IdealSchedule.Efficiency([], 100));

    [Fact]
    public void Efficiency_NoSlots_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IdealSchedule.Efficiency([100], 0));

    [Fact]
    public void OverShuffles_EqualLatencies_EveryOrderReachesOne()
    {
        var (mean, share) = IdealSchedule.OverShuffles(Enumerable.Repeat(100.0, 200).ToArray(), 100, 0.99, 50, seed: 1);

        Assert.Equal(1.0, mean, 12);
        Assert.Equal(1.0, share);
    }

    [Fact]
    public void OverShuffles_OneSlowDraw_ShareIsHowOftenItLandsInTheFirstWave()
    {
        // Two slots, four 1s and one 10 (14 busy). The 10 in the first wave (2 of 5 positions) ends at 10: 14 / 20 = 0.7;
        // in the second wave at 11 (0.636), last at 12 (0.583); mean 0.651. Only the first wave reaches 0.65.
        var (mean, share) = IdealSchedule.OverShuffles([1, 1, 1, 1, 10], 2, 0.65, 2000, seed: 7);

        Assert.InRange(share, 0.35, 0.45);
        Assert.InRange(mean, 0.645, 0.657);
    }

    [Fact]
    public void OverShuffles_NoLatencies_IsZero() => Assert.Equal((0.0, 0.0), IdealSchedule.OverShuffles([], 100, 0.93, 10, seed: 1));
}
