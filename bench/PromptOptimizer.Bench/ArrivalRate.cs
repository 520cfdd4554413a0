namespace PromptOptimizer.Bench;

/// <summary>Rates read from request arrival times as the provider saw them (milliseconds, in order).</summary>
internal static class ArrivalRate
{
    /// <summary>
    /// Requests per second as the provider received them, measured between the mean time of the first
    /// <paramref name="group"/> arrivals and that of the last <paramref name="group"/>. A client under a sliding-window
    /// limit sends in bursts of a window's permits; first-to-last arrival would end at the head of the last burst and
    /// count its tail for free, while whole groups of the limit's size measure burst against burst. Zero when there are
    /// too few arrivals or no time between the groups.
    /// </summary>
    public static double PerSecond(IReadOnlyList<double> arrivalsMs, int group)
    {
        ArgumentNullException.ThrowIfNull(arrivalsMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(group, 1);
        var count = arrivalsMs.Count;
        if (count <= group)
        {
            return 0;
        }

        double first = 0, last = 0;
        for (var i = 0; i < group; i++)
        {
            first += arrivalsMs[i];
            last += arrivalsMs[count - group + i];
        }

        // Arrival i + group follows arrival i by (count - group) such steps in all, and their sum is last - first.
        var span = (last - first) / group;
        return span > 0 ? (count - group) * 1000.0 / span : 0;
    }

    /// <summary>
    /// How much room the closest <paramref name="limit"/> + 1 consecutive arrivals left under a provider that allows
    /// <paramref name="limit"/> in any window of <paramref name="windowMs"/>: their span less the window, in
    /// milliseconds. Below zero, one of them broke the limit (as far as arrival times can tell: the provider stamps its
    /// own). Null when there are too few arrivals to say.
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
