using System.Globalization;
using PromptOptimizer.Output;
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
        console.WriteRawLine();
        console.WriteRawLine(Rule);
        console.WriteRawLine(RunVariants.TitleOf(variant));
        console.WriteRawLine(Rule);
        console.WriteRawLine(Inv($"  Total: {summary.Total}"));
        console.WriteRawLine(Inv($"  Completed: {summary.Completed}"));
        console.WriteRawLine(Inv($"  Failed: {summary.Failed}"));
        console.WriteRawLine(Inv($"  Skipped (resumed): {summary.Skipped}"));
        console.WriteRawLine(Inv($"  Duration: {summary.Duration.TotalSeconds:0.0}s"));
        console.WriteRawLine(Inv($"  Cost: ${summary.CostUsd:0.0000}"));
        if (summary.Remaining > 0)
        {
            console.WriteRawLine(Inv($"  Remaining: {summary.Remaining}"));
        }
    }

    public static void PrintCheckpoint(IAnsiConsole console, Checkpoint checkpoint, string path)
    {
        console.WriteRawLine(Rule);
        console.WriteRawLine("CHECKPOINT STATUS");
        console.WriteRawLine(Rule);
        console.WriteRawLine(Inv($"  Started: {checkpoint.Started.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
        console.WriteRawLine(Inv($"  Last Updated: {checkpoint.LastUpdated.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
        console.WriteRawLine(Inv($"  Total Topics: {checkpoint.Total}"));
        console.WriteRawLine(Inv($"  Completed: {checkpoint.Completed}"));
        console.WriteRawLine(Inv($"  Failed: {checkpoint.Failed}"));
        console.WriteRawLine(Inv($"  Remaining: {checkpoint.Remaining}"));
        console.WriteRawLine(Inv($"  Current Batch: {checkpoint.CurrentBatch}"));
        console.WriteRawLine(Inv($"  Total Batches: {checkpoint.TotalBatches}"));
        console.WriteRawLine(Inv($"  Skipped (resumed): {checkpoint.Skipped}"));
        console.WriteRawLine(Inv($"  Cost: ${checkpoint.CostUsd:0.0000}"));
        console.WriteRawLine(Inv($"  Mode: {RunVariants.ShortNameOf(checkpoint.Variant)} ({Path.GetFileName(path)})"));
        console.WriteRawLine(checkpoint.Finished ? "  State: finished" : "  State: unfinished (continue with --resume)");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
