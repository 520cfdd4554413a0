namespace PromptOptimizer.Bench;

/// <summary>2. Direct Exa research with a declared 50 QPS limit on both sides: use it fully, never hit a 429.</summary>
internal static class DeclaredLimitScenario
{
    public const string Name = "2-declared-limit";
    private const double Qps = 50;
    private const int LimitPerWindow = 50;

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var count = h.Size(2000, 400);
        var topics = h.Topics(Name, count);
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", SchedulerScenario.MedianMs, "--latency-sigma", "0.6", "--exa-qps", "50");
        var output = h.Folder(Name, "output");
        var run = await h.RunAsync(sim, Harness.RunArguments(topics, output, h.Folder(Name, "state"), web: false, "--exa-qps", "50", "--concurrent", "100", "--batch-size", "100", "--batch-delay", "0.02"), output, true, cancellationToken);

        // The rate the provider saw, from its own arrival times: first search to last. A provider that allows 50 in any
        // second lets the first 50 go at once, so the rate after them (the steady state) is shown beside it.
        var arrivals = await sim.SearchArrivalsAsync(cancellationToken);
        var seen = ArrivalRate.PerSecond(arrivals);
        var steady = arrivals.Length > LimitPerWindow ? ArrivalRate.PerSecond(arrivals[LimitPerWindow..]) : 0;

        // The estimate earlier sessions reported, kept for comparison: every topic searches before it generates, so the
        // last search precedes the last output by at least one chat call. The whole last chat call and the output
        // after it follow the last search, so this runs a little low.
        var searchWindow = Math.Max(1e-3, run.ActiveSeconds - run.Stats.ChatMeanMs / 1000.0);
        var estimated = run.Stats.SearchRequests / searchWindow;
        return
        [
            Metric.Equal(Name, "topics completed", run.Completions.Count, count),
            Metric.Info(Name, "search requests", run.Stats.SearchRequests),
            Metric.Info(Name, "achieved search QPS (first to last search, at the simulator)", seen),
            Metric.AtLeast(Name, "achieved QPS / 50", seen / Qps, 0.95),
            Metric.Info(Name, "steady QPS / 50 (after the first 50 searches)", steady / Qps),
            Metric.Info(Name, "QPS / 50 estimated from the CLI's run (earlier sessions' metric)", estimated / Qps),
            Metric.Info(Name, "peak searches in any 1 s window (sim)", run.Stats.PeakSearchPerSecond),
            Metric.Info(Name, "closest 51 searches: span less 1 s (ms; below 0 breaks the limit)", ArrivalRate.Slack(arrivals, LimitPerWindow) ?? double.NaN),
            Metric.Equal(Name, "search 429s", run.Stats.Count("search", 429), 0),
            Metric.Info(Name, "scenario wall s", run.Process.Wall.TotalSeconds),
        ];
    }
}
