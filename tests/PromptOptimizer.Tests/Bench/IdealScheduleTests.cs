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
}
