using System.Globalization;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;
using Spectre.Console;

namespace PromptOptimizer.Cli.Rendering;

/// <summary>The original tool's blocks: the end-of-run summary and <c>CHECKPOINT STATUS</c>.</summary>
internal static class SummaryPrinter
{
    private static readonly string Rule = new('=', 60);

    public static void PrintSummary(IAnsiConsole console, RunVariant variant, RunSummary summary)
    {
        console.WriteLine();
        console.WriteLine(Rule);
        console.WriteLine(RunVariants.TitleOf(variant));
        console.WriteLine(Rule);
        console.WriteLine(Inv($"  Total: {summary.Total}"));
        console.WriteLine(Inv($"  Completed: {summary.Completed}"));
        console.WriteLine(Inv($"  Failed: {summary.Failed}"));
        console.WriteLine(Inv($"  Skipped (resumed): {summary.Skipped}"));
        console.WriteLine(Inv($"  Duration: {summary.Duration.TotalSeconds:0.0}s"));
        console.WriteLine(Inv($"  Cost: ${summary.CostUsd:0.0000}"));
        if (summary.Remaining > 0)
        {
            console.WriteLine(Inv($"  Remaining: {summary.Remaining}"));
        }
    }

    public static void PrintCheckpoint(IAnsiConsole console, Checkpoint checkpoint, string path)
    {
        console.WriteLine(Rule);
        console.WriteLine("CHECKPOINT STATUS");
        console.WriteLine(Rule);
        console.WriteLine(Inv($"  Started: {checkpoint.Started.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
        console.WriteLine(Inv($"  Last Updated: {checkpoint.LastUpdated.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
        console.WriteLine(Inv($"  Total Topics: {checkpoint.Total}"));
        console.WriteLine(Inv($"  Completed: {checkpoint.Completed}"));
        console.WriteLine(Inv($"  Failed: {checkpoint.Failed}"));
        console.WriteLine(Inv($"  Remaining: {checkpoint.Remaining}"));
        console.WriteLine(Inv($"  Current Batch: {checkpoint.CurrentBatch}"));
        console.WriteLine(Inv($"  Total Batches: {checkpoint.TotalBatches}"));
        console.WriteLine(Inv($"  Skipped (resumed): {checkpoint.Skipped}"));
        console.WriteLine(Inv($"  Cost: ${checkpoint.CostUsd:0.0000}"));
        console.WriteLine(Inv($"  Mode: {RunVariants.ShortNameOf(checkpoint.Variant)} ({Path.GetFileName(path)})"));
        console.WriteLine(checkpoint.Finished ? "  State: finished" : "  State: unfinished (continue with --resume)");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
