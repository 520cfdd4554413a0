using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class InterruptSignalsTests
{
    [Fact]
    public void Signal_Twice_RaisesSignalledWithItsNumber_AndCancelsBothTokens()
    {
        using var interrupts = new InterruptSignals(new FakeTimeProvider());
        var seen = new List<int>();
        interrupts.Signalled += seen.Add;

        interrupts.Signal();
        interrupts.Signal();

        Assert.Equal([1, 2], seen);
        Assert.True(interrupts.StopDispatch.IsCancellationRequested);
        Assert.True(interrupts.Abort.IsCancellationRequested);
    }

    [Fact]
    public void Signal_AfterQuiet_StopsWithoutRaisingSignalled()
    {
        using var interrupts = new InterruptSignals(new FakeTimeProvider());
        var seen = new List<int>();
        interrupts.Signalled += seen.Add;
        interrupts.Quiet();

        interrupts.Signal();

        Assert.Empty(seen);
        Assert.True(interrupts.StopDispatch.IsCancellationRequested);
    }
}
