namespace PromptOptimizer.Bench;

/// <summary>3. A chat limit of 40/s the client is not told about, with 200 topics in flight: adapt, finish everything.</summary>
internal static class UndeclaredLimitScenario
{
    public const string Name = "3-undeclared-limit";
    private const double Rps = 40;

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        // Enough topics that the first second, when the limit is still being learned, is a small part of the run.
        var count = h.Size(600, 300);
        var topics = h.Topics(Name, count);
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", SchedulerScenario.MedianMs, "--latency-sigma", "0.6", "--chat-rps", "40");
        // Warm the simulator's answer and refusal paths too (100 topics against its 40/s limit), then let its one-second
        // window empty, so the measured run starts against a warm provider with its whole limit available.
        await h.WarmUpAsync(sim, topics, Name, h.Size(100, 50), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        var output = h.Folder(Name, "output");
        var run = await h.RunAsync(sim, Harness.RunArguments(topics, output, h.Folder(Name, "state"), web: true, "--concurrent", "200", "--batch-size", "100", "--batch-delay", "0.02"), output, true, cancellationToken);

        var tooMany = run.Stats.Count("chat", 429);
        var share = run.Stats.ChatRequests > 0 ? (double)tooMany / run.Stats.ChatRequests : 0;
        return
        [
            Metric.Equal(Name, "topics completed", run.Completions.Count, count),
            Metric.Info(Name, "achieved topics/s", run.Throughput),
            Metric.AtLeast(Name, "throughput / 40", run.Throughput / Rps, 0.85),
            Metric.Info(Name, "chat requests", run.Stats.ChatRequests),
            Metric.Info(Name, "chat 429s", tooMany),
            Metric.AtMost(Name, "429 share of chat requests", share, 0.05),
            Metric.Info(Name, "scenario wall s", run.Process.Wall.TotalSeconds),
        ];
    }
}
