using Microsoft.Extensions.Time.Testing;

namespace PromptOptimizer.Tests.Batching;

/// <summary>
/// A fake clock that moves on by <see cref="Jump"/> just before the first timer of that length is armed: the moment
/// between reading the clock and arming a timer, where a stalled thread (a loaded machine) lets time pass unseen.
/// </summary>
internal sealed class RacingClock(DateTimeOffset start, TimeSpan jump) : FakeTimeProvider(start)
{
    private int _jumped;

    public TimeSpan Jump { get; } = jump;

    public bool Jumped => Volatile.Read(ref _jumped) == 1;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Jump && Interlocked.Exchange(ref _jumped, 1) == 0)
        {
            Advance(Jump);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
