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
}
