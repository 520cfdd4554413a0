namespace PromptOptimizer.Bench;

/// <summary>7. The same topics synchronously and with <c>--batch-api</c>: what generation costs, how many provider calls a
/// topic takes, and how long each run takes.</summary>
internal static class BatchApiScenario
{
    public const string Name = "7-batch-api";

    /// <summary>OpenRouter reports a median batch finishing in 7 minutes; scaled ×1/100 like the chat latency.</summary>
    public const string BatchLatencySeconds = "4.2";

    // Research stays synchronous in both modes; a high limit keeps it from setting the pace of either.
    private static readonly string[] Research = ["--exa-qps", "1000"];

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var count = h.Size(2000, 300);
        var topics = h.Topics(Name, count);
        await using var sim = await h.SimulatorAsync(cancellationToken,
            "--latency", SchedulerScenario.MedianMs, "--latency-sigma", "0.6", "--batch-latency", BatchLatencySeconds);

        h.Log.WriteLine($"  synchronous: {count:N0} topics, direct Exa research");
        var syncOutput = h.Folder(Name, "sync", "output");
        var sync = await h.RunAsync(sim, Harness.RunArguments(topics, syncOutput, h.Folder(Name, "sync", "state"), web: false,
            [.. Research, "--concurrent", "100", "--batch-size", "100", "--batch-delay", "0.02"]), syncOutput, true, cancellationToken);

        h.Log.WriteLine($"  --batch-api: the same {count:N0} topics");
        var batchOutput = h.Folder(Name, "batch", "output");
        var batch = await h.RunAsync(sim, Harness.RunArguments(topics, batchOutput, h.Folder(Name, "batch", "state"), web: false,
            [.. Research, "--batch-api"]), batchOutput, true, cancellationToken);
        h.Log.WriteLine(FormattableString.Invariant(
            $"  generation cost: sync ${sync.Stats.GenerationCost:0.0000}, batch ${batch.Stats.GenerationCost:0.0000}; batch calls {batch.Stats.BatchCalls}, requests in batches {batch.Stats.BatchedRequests}"));

        var ratio = sync.Stats.GenerationCost > 0 ? batch.Stats.GenerationCost / sync.Stats.GenerationCost : double.NaN;
        return
        [
            Metric.Equal(Name, "topics completed, synchronous", sync.Completions.Count, count),
            Metric.Equal(Name, "topics completed, --batch-api", batch.Completions.Count, count),
            Metric.AtMost(Name, "generation cost, --batch-api ÷ synchronous", ratio, 0.55),
            Metric.Info(Name, "provider chat calls per topic, synchronous", PerTopic(sync.Stats.ChatRequests + sync.Stats.BatchCalls, count)),
            Metric.Info(Name, "provider chat calls per topic, --batch-api", PerTopic(batch.Stats.ChatRequests + batch.Stats.BatchCalls, count)),
            Metric.Info(Name, "requests inside batches per topic", PerTopic(batch.Stats.BatchedRequests, count)),
            Metric.Info(Name, "search calls per topic (both modes)", PerTopic(batch.Stats.SearchRequests, count)),
            Metric.Info(Name, "wall s, synchronous", sync.Process.Wall.TotalSeconds),
            Metric.Info(Name, "wall s, --batch-api (batch latency " + BatchLatencySeconds + " s)", batch.Process.Wall.TotalSeconds),
        ];
    }

    private static double PerTopic(long calls, int topics) => (double)calls / topics;
}
