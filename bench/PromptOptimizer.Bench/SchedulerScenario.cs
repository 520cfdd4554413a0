namespace PromptOptimizer.Bench;

/// <summary>1. Rolling versus strict batches in web-plugin mode, against Little's law (concurrency ÷ mean latency).</summary>
internal static class SchedulerScenario
{
    public const string Name = "1-scheduler";

    /// <summary>Median 167 ms with sigma 0.6 gives a log-normal mean of 167·e^0.18 ≈ 200 ms.</summary>
    public const string MedianMs = "167";
    private const int Concurrency = 100;
    private const double Target = 0.93;
    private const int Shuffles = 1000;

    public static async Task<(List<Metric> Metrics, RunResult Rolling, RunResult Strict)> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var rollingCount = h.Size(5000, 1000);
        var strictCount = h.Size(1000, 300);
        var topics = h.Topics(Name, rollingCount);
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", MedianMs, "--latency-sigma", "0.6");
        await h.WarmUpAsync(sim, topics, Name, h.Size(500, 200), cancellationToken);
        string[] schedule = ["--concurrent", "100", "--batch-size", "100", "--batch-delay", "0.02"];

        h.Log.WriteLine($"  rolling, {rollingCount:N0} topics");
        var rollingOut = h.Folder(Name, "rolling", "output");
        var rolling = await h.RunAsync(sim, Harness.RunArguments(topics, rollingOut, h.Folder(Name, "rolling", "state"), web: true, schedule), rollingOut, true, cancellationToken);
        var rollingLatencies = await sim.ChatLatenciesAsync(cancellationToken);
        var rollingIdeal = IdealSchedule.Efficiency(rollingLatencies, Concurrency);
        var shuffled = IdealSchedule.OverShuffles(rollingLatencies, Concurrency, Shuffles, seed: 1);

        h.Log.WriteLine($"  strict, {strictCount:N0} topics");
        var strictOut = h.Folder(Name, "strict", "output");
        var strict = await h.RunAsync(sim, Harness.RunArguments(topics, strictOut, h.Folder(Name, "strict", "state"), web: true, [.. schedule, "--strict-batches", "--limit", strictCount.ToString(System.Globalization.CultureInfo.InvariantCulture)]), strictOut, true, cancellationToken);

        h.Log.WriteLine($"  null client, {rollingCount:N0} requests");
        var nullClient = await NullClient.MeasureAsync(h, sim, rollingCount, Concurrency, cancellationToken);
        var nullIdeal = IdealSchedule.Efficiency(await sim.ChatLatenciesAsync(cancellationToken), Concurrency);

        var rollingEfficiency = Efficiency(rolling);
        var ratioToIdeal = rollingIdeal > 0 ? rollingEfficiency / rollingIdeal : 0;
        var strictEfficiency = Efficiency(strict);
        var nullEfficiency = Efficiency(nullClient);
        var metrics = new List<Metric>
        {
            Metric.Equal(Name, "rolling topics completed", rolling.Completions.Count, rollingCount),
            Metric.Info(Name, "rolling sim mean latency ms", rolling.Stats.ChatMeanMs),
            Metric.Info(Name, "rolling topics/s (first request to last output)", rolling.Throughput),
            Metric.Info(Name, "rolling topics/s (process wall clock)", rolling.Completions.Count / rolling.Process.Wall.TotalSeconds),
            Metric.AtLeast(Name, "rolling efficiency (topics/s / (100 / mean latency))", rollingEfficiency, Target),
            Metric.Info(Name, "ideal scheduler on the rolling run's latencies (tail only)", rollingIdeal),
            Metric.Info(Name, "rolling efficiency / ideal on its latencies", ratioToIdeal),
            Metric.Info(Name, FormattableString.Invariant($"ideal scheduler, mean over {Shuffles:N0} shuffles of those latencies"), shuffled.Average()),
            Metric.Info(Name, FormattableString.Invariant($"share of those shuffles in which the ideal reaches {Target}"), IdealSchedule.ShareReaching(shuffled, Target)),
            // The odds this run's client had: at its own fraction of the ideal, in how many arrival orders it passes.
            Metric.Info(Name, FormattableString.Invariant($"share of those shuffles in which rolling would reach {Target} at its ratio"), ratioToIdeal > 0 ? IdealSchedule.ShareReaching(shuffled, Target / ratioToIdeal) : 0),
            Metric.Info(Name, "rolling steady-state efficiency (20th to 80th percentile completion)", SteadyState(rolling)),
            Metric.Info(Name, "null client efficiency (cold process, HTTP only)", nullEfficiency),
            Metric.Info(Name, "ideal scheduler on the null client's latencies", nullIdeal),
            Metric.Info(Name, "rolling efficiency / null client efficiency", nullEfficiency > 0 ? rollingEfficiency / nullEfficiency : 0),
            Metric.Info(Name, "null client CPU s", nullClient.Process.CpuSeconds),
            Metric.Equal(Name, "strict topics completed", strict.Completions.Count, strictCount),
            Metric.Info(Name, "strict sim mean latency ms", strict.Stats.ChatMeanMs),
            Metric.Info(Name, "strict topics/s", strict.Throughput),
            Metric.Info(Name, "strict efficiency", strictEfficiency),
            Metric.Info(Name, "rolling/strict throughput ratio", rolling.Throughput / strict.Throughput),
            Metric.Info(Name, "rolling topics/min at real scale (x1/100)", rolling.Throughput * 60 / 100),
            Metric.Info(Name, "strict topics/min at real scale (x1/100)", strict.Throughput * 60 / 100),
            Metric.Info(Name, "rolling orchestrator CPU s", rolling.Process.CpuSeconds),
            Metric.Info(Name, "rolling scenario wall s", rolling.Process.Wall.TotalSeconds),
        };
        return (metrics, rolling, strict);
    }

    /// <summary>The ceiling is Little's law: at most <c>concurrency</c> topics in flight, each taking the mean latency.</summary>
    public static double Ceiling(RunResult run) => Concurrency / (run.Stats.ChatMeanMs / 1000.0);

    /// <summary>
    /// The completion rate between the 20th and the 80th percentile completion, against the ceiling: the middle of the
    /// run, without the cold first wave and the last wave's tail.
    /// </summary>
    private static double SteadyState(RunResult run)
    {
        var n = run.Completions.Count;
        if (n < 10 || run.Stats.ChatMeanMs <= 0)
        {
            return 0;
        }

        int from = n / 5, to = (4 * n) / 5;
        var seconds = (run.Completions[to] - run.Completions[from]).TotalSeconds;
        return seconds > 0 ? (to - from) / seconds / Ceiling(run) : 0;
    }

    private static double Efficiency(RunResult run) => run.Stats.ChatMeanMs > 0 ? run.Throughput / Ceiling(run) : 0;
}
