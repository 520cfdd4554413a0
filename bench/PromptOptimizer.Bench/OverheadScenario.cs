namespace PromptOptimizer.Bench;

/// <summary>4. Zero latency: what the orchestrator itself costs per topic.</summary>
internal static class OverheadScenario
{
    public const string Name = "4-overhead";

    /// <summary>
    /// The orchestrator's CPU per topic against the simulator's CPU per request in the same run. Both are the same native
    /// binary on the same two cores at the same moment, so a slower or busier machine inflates both and the ratio keeps
    /// what the orchestrator itself costs. The bound is the absolute target (1 ms per topic) divided by the simulator's
    /// cost per request on a quiet machine (docs/benchmarks.md).
    /// </summary>
    private const double MaxCpuToSimulator = 5.0;

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var count = h.Size(20_000, 8000);
        var topics = h.Topics(Name, count);
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", "0");
        await h.WarmUpAsync(sim, topics, Name, 500, cancellationToken);
        var output = h.Folder(Name, "output");
        var simCpu = sim.CpuSeconds;
        var run = await h.RunAsync(sim, Harness.RunArguments(topics, output, h.Folder(Name, "state"), web: true, "--concurrent", "64", "--batch-size", "100", "--batch-delay", "0"), output, true, cancellationToken);
        simCpu = sim.CpuSeconds - simCpu;
        var cpuPerTopic = run.Process.CpuSeconds * 1000 / Math.Max(1, run.Completions.Count);
        var simPerRequest = simCpu * 1000 / Math.Max(1, run.Stats.ChatRequests);
        return
        [
            Metric.Equal(Name, "topics completed", run.Completions.Count, count),
            Metric.AtLeast(Name, "topics/s (first request to last output)", run.Throughput, 1000),
            Metric.Info(Name, "topics/s (process wall clock)", run.Completions.Count / run.Process.Wall.TotalSeconds),
            Metric.Info(Name, "CPU ms per topic (whole process)", cpuPerTopic),
            Metric.Info(Name, "simulator CPU ms per request", simPerRequest),
            Metric.AtMost(Name, "CPU per topic / simulator CPU per request", simPerRequest > 0 ? cpuPerTopic / simPerRequest : double.NaN, MaxCpuToSimulator),
            Metric.Info(Name, "orchestrator CPU s", run.Process.CpuSeconds),
            Metric.Info(Name, "peak RSS MB", run.Process.PeakRssMb),
            Metric.Info(Name, "scenario wall s", run.Process.Wall.TotalSeconds),
        ];
    }
}
