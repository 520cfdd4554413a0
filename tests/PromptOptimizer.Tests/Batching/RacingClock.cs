using Microsoft.Extensions.Time.Testing;

namespace PromptOptimizer.Tests.Batching;

/// <summary>
/// A fake clock that, once told to, moves on by <see cref="Jump"/> just before the next timer of that length is armed:
/// the moment between reading the clock and arming a timer, where a stalled thread (a loaded machine) lets time pass
/// unseen.
/// </summary>
internal sealed class RacingClock(DateTimeOffset start, TimeSpan jump) : FakeTimeProvider(start)
{
    private int _state; // 0 idle, 1 waiting for the timer, 2 jumped

    public TimeSpan Jump { get; } = jump;

    public bool Jumped => Volatile.Read(ref _state) == 2;

    public void JumpWhenNextArmed() => Volatile.Write(ref _state, 1);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Jump && Interlocked.CompareExchange(ref _state, 2, 1) == 1)
        {
            Advance(Jump);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
