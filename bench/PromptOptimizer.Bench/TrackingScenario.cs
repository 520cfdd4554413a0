using System.Text.Json.Nodes;

namespace PromptOptimizer.Bench;

/// <summary>6. 1,000 topics in flight writing to the completion database: no lock errors, counts match the files.</summary>
internal static class TrackingScenario
{
    public const string Name = "6-tracking";

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var count = h.Size(10_000, 2000);
        var topics = h.Topics(Name, count);
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", SchedulerScenario.MedianMs, "--latency-sigma", "0.6");
        var output = h.Folder(Name, "output");
        var state = h.Folder(Name, "state");
        var run = await h.RunAsync(sim, Harness.RunArguments(topics, output, state, web: true, "--concurrent", "1000", "--batch-size", "100", "--batch-delay", "0.02"), output, true, cancellationToken);
        var status = await h.CommandAsync(["completion-status", "--state-dir", state, "--topics-dir", topics.Root, "--json"], cancellationToken);
        var tracked = CompletedFlashcards(status.Stdout);
        var files = OutputScan.CountFiles(output);
        return
        [
            Metric.Equal(Name, "topics completed", run.Completions.Count, count),
            Metric.Info(Name, "topics/s", run.Throughput),
            Metric.Equal(Name, "'database is locked' in run output", run.Occurrences("database is locked"), 0),
            Metric.Equal(Name, "'database is locked' in status output", Count(status.AllText, "database is locked"), 0),
            Metric.Equal(Name, "completion-status completed - output files", tracked - files, 0),
            Metric.Info(Name, "output files", files),
            Metric.Info(Name, "orchestrator CPU s", run.Process.CpuSeconds),
            Metric.Info(Name, "scenario wall s", run.Process.Wall.TotalSeconds),
        ];
    }

    /// <summary>Sum of the completed flashcard rows of <c>completion-status --json</c>; -1 when it is not JSON.</summary>
    private static long CompletedFlashcards(string json)
    {
        try
        {
            var rows = JsonNode.Parse(json)?["rows"]?.AsArray() ?? [];
            return rows.Where(r => (string?)r?["mode"] == "flashcards" && (string?)r?["status"] == "completed").Sum(r => (long?)r?["count"] ?? 0);
        }
        catch (System.Text.Json.JsonException)
        {
            return -1;
        }
    }

    private static int Count(string text, string what)
    {
        int count = 0, at = 0;
        while ((at = text.IndexOf(what, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            count++;
            at += what.Length;
        }

        return count;
    }
}
