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
        var efficiencies = IdealSchedule.OverShuffles(Enumerable.Repeat(100.0, 200).ToArray(), 100, 50, seed: 1);

        Assert.Equal(50, efficiencies.Length);
        Assert.All(efficiencies, e => Assert.Equal(1.0, e, 12));
        Assert.Equal(1.0, IdealSchedule.ShareReaching(efficiencies, 0.99));
    }

    [Fact]
    public void OverShuffles_OneSlowDraw_ShareIsHowOftenItLandsInTheFirstWave()
    {
        // Two slots, four 1s and one 10 (14 busy). The 10 in the first wave (2 of 5 positions) ends at 10: 14 / 20 = 0.7;
        // in the second wave at 11 (0.636), last at 12 (0.583); mean 0.651. Only the first wave reaches 0.65.
        var efficiencies = IdealSchedule.OverShuffles([1, 1, 1, 1, 10], 2, 2000, seed: 7);

        Assert.Equal(efficiencies.Order(), efficiencies);
        Assert.Equal(14.0 / 24, efficiencies[0], 12);
        Assert.Equal(0.7, efficiencies[^1], 12);
        Assert.InRange(IdealSchedule.ShareReaching(efficiencies, 0.65), 0.35, 0.45);
        Assert.InRange(efficiencies.Average(), 0.645, 0.657);
    }

    [Fact]
    public void ShareReaching_NoEfficiencies_IsZero() => Assert.Equal(0.0, IdealSchedule.ShareReaching([], 0.93));
}
