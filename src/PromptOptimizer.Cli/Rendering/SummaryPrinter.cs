using System.Globalization;
using PromptOptimizer.Batching;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;
using Spectre.Console;

namespace PromptOptimizer.Cli.Rendering;

/// <summary>The original tool's blocks: the end-of-run summary and <c>CHECKPOINT STATUS</c>.</summary>
internal static class SummaryPrinter
{
    private static readonly string Rule = new('=', 60);

    public static void PrintSummary(IAnsiConsole console, string title, RunSummary summary, BatchProgress? batches = null) => console.WriteRawLines(
        "", Rule, title, Rule,
        Inv($"  Total: {summary.Total}"),
        Inv($"  Completed: {summary.Completed}"),
        Inv($"  Failed: {summary.Failed}"),
        Inv($"  Skipped (resumed): {summary.Skipped}"),
        Inv($"  Duration: {summary.Duration.TotalSeconds:0.0}s"),
        Inv($"  Cost: ${summary.CostUsd:0.0000}"),
        summary.Remaining > 0 ? Inv($"  Remaining: {summary.Remaining}") : null,
        batches is { } b ? Inv($"  Saved by --batch-api: ${b.SavedUsd:0.0000} ({b.SavedPercent:0} %)") : null);

    public static void PrintCheckpoint(IAnsiConsole console, Checkpoint checkpoint, string path) => console.WriteRawLines(
        Rule, "CHECKPOINT STATUS", Rule,
        Inv($"  Started: {checkpoint.Started.ToLocalTime():yyyy-MM-dd HH:mm:ss}"),
        Inv($"  Last Updated: {checkpoint.LastUpdated.ToLocalTime():yyyy-MM-dd HH:mm:ss}"),
        Inv($"  Total Topics: {checkpoint.Total}"),
        Inv($"  Completed: {checkpoint.Completed}"),
        Inv($"  Failed: {checkpoint.Failed}"),
        Inv($"  Remaining: {checkpoint.Remaining}"),
        Inv($"  Current Batch: {checkpoint.CurrentBatch}"),
        Inv($"  Total Batches: {checkpoint.TotalBatches}"),
        Inv($"  Skipped (resumed): {checkpoint.Skipped}"),
        Inv($"  Cost: ${checkpoint.CostUsd:0.0000}"),
        Inv($"  Mode: {RunVariants.ShortNameOf(checkpoint.Variant)} ({Path.GetFileName(path)})"),
        checkpoint.Finished ? "  State: finished" : "  State: unfinished (continue with --resume)");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
