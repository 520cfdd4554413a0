namespace PromptOptimizer.Bench;

/// <summary>Rates read from request arrival times as the provider saw them (milliseconds, in order).</summary>
internal static class ArrivalRate
{
    /// <summary>Requests per second from the first arrival to the last: one fewer than the count, per span.</summary>
    public static double PerSecond(IReadOnlyList<double> arrivalsMs)
    {
        ArgumentNullException.ThrowIfNull(arrivalsMs);
        if (arrivalsMs.Count < 2)
        {
            return 0;
        }

        var span = arrivalsMs[^1] - arrivalsMs[0];
        return span > 0 ? (arrivalsMs.Count - 1) * 1000.0 / span : 0;
    }

    /// <summary>
    /// How much room the closest <paramref name="limit"/> + 1 consecutive arrivals left under a provider that allows
    /// <paramref name="limit"/> in any window of <paramref name="windowMs"/>: their span less the window, in
    /// milliseconds. Below zero, one of them broke the limit. Null when there are too few arrivals to say.
    /// </summary>
    public static double? Slack(IReadOnlyList<double> arrivalsMs, int limit, double windowMs = 1000)
    {
        ArgumentNullException.ThrowIfNull(arrivalsMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (arrivalsMs.Count <= limit)
        {
            return null;
        }

        var closest = double.PositiveInfinity;
        for (var i = 0; i + limit < arrivalsMs.Count; i++)
        {
            closest = Math.Min(closest, arrivalsMs[i + limit] - arrivalsMs[i]);
        }

        return closest - windowMs;
    }
}
