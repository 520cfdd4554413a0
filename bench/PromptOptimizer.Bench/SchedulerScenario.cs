using System.Globalization;

namespace PromptOptimizer.Bench;

/// <summary>
/// 1. Rolling versus strict batches in web-plugin mode. The rolling run is judged against the ideal scheduler replayed on
/// the latencies the simulator drew in that very run: which slow draws land in the last wave is the simulator's doing,
/// so an absolute efficiency would judge the draws as much as the client.
/// </summary>
internal static class SchedulerScenario
{
    public const string Name = "1-scheduler";

    /// <summary>Median 167 ms with sigma 0.6 gives a log-normal mean of 167·e^0.18 ≈ 200 ms.</summary>
    public const string MedianMs = "167";
    private const int Concurrency = 100;
    private const int ControlCount = 5000;
    private static readonly string[] Schedule = ["--concurrent", "100", "--batch-size", "100", "--batch-delay", "0.02"];

    public static async Task<(List<Metric> Metrics, RunResult Rolling, RunResult Strict)> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        // The first wave's ramp is a fixed cost, so the quick size is the smallest at which it stays a few points.
        var rollingCount = h.Size(10_000, 2000);
        var strictCount = h.Size(1000, 300);
        var topics = h.Topics(Name, rollingCount);
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", MedianMs, "--latency-sigma", "0.6");
        await h.WarmUpAsync(sim, topics, Name, h.Size(500, 200), cancellationToken);
        var metrics = new List<Metric>();

        var (rolling, ideal) = await RollingAsync(h, sim, topics, "rolling", rollingCount, cancellationToken);
        var efficiency = Efficiency(rolling);
        metrics.AddRange(
        [
            Metric.Equal(Name, "rolling topics completed", rolling.Completions.Count, rollingCount),
            Metric.Info(Name, "rolling sim mean latency ms", rolling.Stats.ChatMeanMs),
            Metric.Info(Name, "rolling topics/s (first request to last output)", rolling.Throughput),
            Metric.Info(Name, "rolling efficiency (topics/s / (100 / mean latency))", efficiency),
            Metric.Info(Name, "ideal scheduler on the rolling run's latencies", ideal),
            Metric.AtLeast(Name, "rolling efficiency / ideal on its latencies", Ratio(efficiency, ideal), h.Quick ? 0.90 : 0.97),
            Metric.Info(Name, "rolling steady-state efficiency (20th to 80th percentile completion)", SteadyState(rolling)),
        ]);

        if (!h.Quick)
        {
            var (control, controlIdeal) = await RollingAsync(h, sim, topics, "control", ControlCount, cancellationToken);
            metrics.AddRange(
            [
                Metric.Equal(Name, "5,000-topic control: topics completed", control.Completions.Count, ControlCount),
                Metric.Info(Name, "5,000-topic control: efficiency", Efficiency(control)),
                Metric.AtLeast(Name, "5,000-topic control: efficiency / ideal on its latencies", Ratio(Efficiency(control), controlIdeal), 0.96),
            ]);
        }

        h.Log.WriteLine($"  strict, {strictCount:N0} topics");
        var strictOut = h.Folder(Name, "strict", "output");
        var strict = await h.RunAsync(sim, Harness.RunArguments(topics, strictOut, h.Folder(Name, "strict", "state"), web: true, [.. Schedule, "--strict-batches", "--limit", Str(strictCount)]), strictOut, true, cancellationToken);

        h.Log.WriteLine($"  null client, {rollingCount:N0} requests");
        var nullClient = await NullClient.MeasureAsync(h, sim, rollingCount, Concurrency, cancellationToken);
        var nullIdeal = IdealSchedule.Efficiency(await sim.ChatLatenciesAsync(cancellationToken), Concurrency);
        metrics.AddRange(
        [
            Metric.Info(Name, "null client efficiency (HTTP only)", Efficiency(nullClient)),
            Metric.Info(Name, "null client efficiency / ideal on its latencies", Ratio(Efficiency(nullClient), nullIdeal)),
            Metric.Equal(Name, "strict topics completed", strict.Completions.Count, strictCount),
            Metric.Info(Name, "strict efficiency", Efficiency(strict)),
            Metric.Info(Name, "rolling/strict throughput ratio", rolling.Throughput / strict.Throughput),
            Metric.Info(Name, "rolling topics/min at real scale (x1/100)", rolling.Throughput * 60 / 100),
            Metric.Info(Name, "strict topics/min at real scale (x1/100)", strict.Throughput * 60 / 100),
            Metric.Info(Name, "rolling orchestrator CPU s", rolling.Process.CpuSeconds),
            Metric.Info(Name, "rolling scenario wall s", rolling.Process.Wall.TotalSeconds),
        ]);
        return (metrics, rolling, strict);
    }

    /// <summary>The ceiling is Little's law: at most <c>concurrency</c> topics in flight, each taking the mean latency.</summary>
    public static double Ceiling(RunResult run) => Concurrency / (run.Stats.ChatMeanMs / 1000.0);

    /// <summary>One rolling run of <paramref name="count"/> topics, and the ideal scheduler's efficiency on its draws.</summary>
    private static async Task<(RunResult Run, double Ideal)> RollingAsync(Harness h, SimulatorProcess sim, TopicTree topics, string label, int count, CancellationToken cancellationToken)
    {
        h.Log.WriteLine($"  {label}, {count:N0} topics");
        var output = h.Folder(Name, label, "output");
        var run = await h.RunAsync(sim, Harness.RunArguments(topics, output, h.Folder(Name, label, "state"), web: true, [.. Schedule, "--limit", Str(count)]), output, true, cancellationToken);
        return (run, IdealSchedule.Efficiency(await sim.ChatLatenciesAsync(cancellationToken), Concurrency));
    }

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

    private static double Ratio(double value, double reference) => reference > 0 ? value / reference : 0;

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
