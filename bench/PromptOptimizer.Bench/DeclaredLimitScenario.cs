namespace PromptOptimizer.Bench;

/// <summary>2. Direct Exa research with a declared 50 QPS limit on both sides: use it fully, never hit a 429.</summary>
internal static class DeclaredLimitScenario
{
    public const string Name = "2-declared-limit";
    private const double Qps = 50;
    private const int LimitPerWindow = (int)Qps;

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var count = h.Size(2000, 400);
        var topics = h.Topics(Name, count);
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", SchedulerScenario.MedianMs, "--latency-sigma", "0.6", "--exa-qps", "50");
        var output = h.Folder(Name, "output");
        var run = await h.RunAsync(sim, Harness.RunArguments(topics, output, h.Folder(Name, "state"), web: false, "--exa-qps", "50", "--concurrent", "100", "--batch-size", "100", "--batch-delay", "0.02"), output, true, cancellationToken);

        // The rate the provider saw, from its own arrival times, counted in whole groups of the limit's size: the client
        // sends a window's permits at a time (see ArrivalRate.PerSecond).
        var arrivals = await sim.SearchArrivalsAsync(cancellationToken);
        var seen = ArrivalRate.PerSecond(arrivals, LimitPerWindow);
        var slack = ArrivalRate.Slack(arrivals, LimitPerWindow);

        var metrics = new List<Metric>
        {
            Metric.Equal(Name, "topics completed", run.Completions.Count, count),
            Metric.Info(Name, "search requests", run.Stats.SearchRequests),
            Metric.Info(Name, "achieved search QPS (at the simulator, per 50 arrivals)", seen),
            Metric.AtLeast(Name, "achieved QPS / 50", seen / Qps, 0.95),
            Metric.Info(Name, "peak searches in any 1 s window (sim)", run.Stats.PeakSearchPerSecond),
        };

        // Fewer than 51 searches (a failed run) say nothing about the closest second.
        if (slack is { } room)
        {
            metrics.Add(Metric.Info(Name, "closest 51 searches: span less 1 s (ms)", room));
        }

        metrics.Add(Metric.Equal(Name, "search 429s", run.Stats.Count("search", 429), 0));
        metrics.Add(Metric.Info(Name, "scenario wall s", run.Process.Wall.TotalSeconds));
        return metrics;
    }
}
