namespace PromptOptimizer.Scheduling;

/// <summary>How many topics are being processed right now.</summary>
internal sealed class InFlightCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Leave() => Interlocked.Decrement(ref _count);
}
