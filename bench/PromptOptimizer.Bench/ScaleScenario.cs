using System.Diagnostics;
using System.Globalization;

namespace PromptOptimizer.Bench;

/// <summary>5. A 100,000-topic tree: memory of a limited run and a status check, and how fast a 99%-done resume starts calling.</summary>
internal static class ScaleScenario
{
    public const string Name = "5-scale";

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var total = h.Size(100_000, 10_000);
        var limited = h.Size(5000, 1000);
        var done = total - total / 100;
        var topics = h.Topics(Name, total);
        var output = h.Folder(Name, "output");
        var state = h.Folder(Name, "state");
        await using var sim = await h.SimulatorAsync(cancellationToken, "--latency", SchedulerScenario.MedianMs, "--latency-sigma", "0.6");

        h.Log.WriteLine($"  limited run: --limit {limited:N0} over {total:N0} topics");
        var limitedRun = await h.RunAsync(sim, Harness.RunArguments(topics, output, state, web: true, "--concurrent", "100", "--batch-size", "100", "--batch-delay", "0.02", "--limit", Str(limited)), output, false, cancellationToken);

        h.Log.WriteLine("  completion-status over the whole tree");
        var status = await h.CommandAsync(["completion-status", "--state-dir", state, "--topics-dir", topics.Root, "--json"], cancellationToken);
        h.Log.WriteLine(FormattableString.Invariant($"  exit {status.ExitCode}, wall {status.Wall.TotalSeconds:0.00}s, peak RSS {status.PeakRssMb:0}MB"));

        // Completing 94,000 more topics for real would take minutes; outputs a crash left untracked are adopted instead.
        var template = OutputScan.AnyOutput(output) ?? throw new InvalidOperationException("the limited run wrote no output");
        var clock = Stopwatch.StartNew();
        topics.WriteAdoptableOutputs(output, File.ReadAllText(template), limited, done);
        h.Log.WriteLine($"  wrote {done - limited:N0} adoptable outputs in {clock.Elapsed.TotalSeconds:0.0}s; adopting them (--limit 1)");
        var adoptRun = await h.RunAsync(sim, Harness.RunArguments(topics, output, state, web: true, "--limit", "1"), output, false, cancellationToken);

        h.Log.WriteLine($"  resume with {done:N0}+ completed");
        var resume = await h.RunAsync(sim, Harness.RunArguments(topics, output, state, web: true, "--concurrent", "100", "--batch-size", "100", "--batch-delay", "0.02"), output, false, cancellationToken);
        var files = OutputScan.CountFiles(output);
        return
        [
            Metric.Info(Name, "topic files", total),
            Metric.AtMost(Name, "peak RSS MB, --limit run", limitedRun.Process.PeakRssMb, 200),
            Metric.Info(Name, "--limit run wall s", limitedRun.Process.Wall.TotalSeconds),
            Metric.AtMost(Name, "peak RSS MB, completion-status", status.PeakRssMb, 200),
            Metric.Info(Name, "completion-status wall s", status.Wall.TotalSeconds),
            Metric.Info(Name, "adopting run wall s (outputs adopted)", adoptRun.Process.Wall.TotalSeconds),
            Metric.AtMost(Name, "peak RSS MB, adopting run", adoptRun.Process.PeakRssMb, 200),
            Metric.AtMost(Name, "resume: s from process start to first API call", resume.SecondsToFirstRequest, 2),
            Metric.AtMost(Name, "peak RSS MB, resume", resume.Process.PeakRssMb, 200),
            Metric.Info(Name, "resume wall s", resume.Process.Wall.TotalSeconds),
            Metric.Equal(Name, "output files after resume", files, total),
        ];
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
