namespace PromptOptimizer.Bench;

/// <summary>
/// What a scheduler with no overhead at all would reach with the latencies the simulator actually drew: each request,
/// in the order it arrived, starts the instant one of the <c>concurrency</c> slots frees. Its only loss is the last
/// wave's tail, so it is the ceiling of the efficiency metric for that very run.
/// </summary>
internal static class IdealSchedule
{
    public static double Efficiency(IReadOnlyList<double> latenciesMs, int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        if (latenciesMs.Count == 0)
        {
            return 0;
        }

        var slots = new PriorityQueue<int, double>();
        for (var i = 0; i < concurrency; i++)
        {
            slots.Enqueue(i, 0);
        }

        double busy = 0, makespan = 0;
        foreach (var latency in latenciesMs)
        {
            slots.TryDequeue(out var slot, out var free);
            var end = free + latency;
            makespan = Math.Max(makespan, end);
            busy += latency;
            slots.Enqueue(slot, end);
        }

        // Efficiency = (n / makespan) / (concurrency / mean) = total busy time / (concurrency × makespan).
        return busy / (concurrency * makespan);
    }

    /// <summary>
    /// The ideal scheduler's efficiency over <paramref name="shuffles"/> random arrival orders of the same latencies
    /// (seeded, so repeatable), in ascending order. Which draws land in the last wave decides the tail, and that order
    /// is the simulator's, not the client's: this is the spread any scheduler faces with latencies like this run's.
    /// </summary>
    public static double[] OverShuffles(IReadOnlyList<double> latenciesMs, int concurrency, int shuffles, int seed)
    {
        ArgumentNullException.ThrowIfNull(latenciesMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shuffles);
        var random = new Random(seed);
        var order = latenciesMs.ToArray();
        var efficiencies = new double[shuffles];
        for (var i = 0; i < shuffles; i++)
        {
            random.Shuffle(order);
            efficiencies[i] = Efficiency(order, concurrency);
        }

        Array.Sort(efficiencies);
        return efficiencies;
    }

    /// <summary>The share of <paramref name="efficiencies"/> at or above <paramref name="target"/>; zero when there are none.</summary>
    public static double ShareReaching(IReadOnlyList<double> efficiencies, double target)
    {
        ArgumentNullException.ThrowIfNull(efficiencies);
        return efficiencies.Count == 0 ? 0 : (double)efficiencies.Count(e => e >= target) / efficiencies.Count;
    }
}
