using System.Globalization;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using Spectre.Console;

namespace PromptOptimizer.Cli.Rendering;

/// <summary>The plan shown before a run spends anything.</summary>
internal static class PlanPrinter
{
    public static void Print(IAnsiConsole console, RunSettings settings, RunPlan plan, PlanEstimate estimate)
    {
        var research = RunVariants.UsesWebResearch(settings.Variant, settings.UseWebPlugin) ? "web plugin" : "Exa";
        console.WriteRawLine(Inv($"Plan: {RunVariants.ShortNameOf(settings.Variant)} ({research} research), model {settings.Model}, provider {settings.Provider}"));
        console.WriteRawLine(Inv($"  Topics to process: {plan.ToProcess.Count}"));
        console.WriteRawLine(Inv($"  Topics to skip (already completed): {plan.Skipped + plan.Adopted}{(plan.Adopted > 0 ? $" ({plan.Adopted} adopted from outputs on disk)" : "")}"));
        if (plan.Stale > 0)
        {
            console.WriteRawLine(Inv($"  Changed since completed (stale, redone): {plan.Stale}"));
        }

        if (plan.Invalid.Count > 0)
        {
            console.WriteRawLine(Inv($"  Broken topic files (will fail): {plan.Invalid.Count}"));
        }

        console.WriteRawLine(Inv($"  Concurrency: {settings.Concurrent}, batch size {settings.BatchSize}, batch delay {settings.BatchDelaySeconds:0.0}s{(settings.StrictBatches ? ", strict batches" : "")}"));
        var source = estimate.FromHistory ? "from this mode's history" : "from the price table";
        console.WriteRawLine(Inv($"  Estimated duration: {Format(estimate.Duration)}; estimated cost: ${estimate.Cost:0.0000} ({source})"));
        if (settings.MaxCost is { } max)
        {
            console.WriteRawLine(Inv($"  Budget: ${max:0.00} (--max-cost)"));
        }
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1 ? span.ToString(@"h\h\ mm\m", CultureInfo.InvariantCulture) : span.ToString(@"m\m\ ss\s", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
