using System.Globalization;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;
using Spectre.Console;

namespace PromptOptimizer.Cli.Rendering;

/// <summary>The plan shown before a run spends anything.</summary>
internal static class PlanPrinter
{
    public static void Print(IAnsiConsole console, RunSettings settings, RunPlan plan, PlanEstimate estimate)
    {
        var research = settings.LocalSources is { } dir ? "local sources " + dir : RunVariants.UsesWebResearch(settings.Variant, settings.UseWebPlugin) ? "web plugin" : "Exa";
        var source = estimate.FromHistory ? "from this mode's history" : "from the price table";
        console.WriteRawLines(
            Inv($"Plan: {RunVariants.ShortNameOf(settings.Variant)} ({research} research), model {settings.Model}, provider {settings.Provider}"),
            Inv($"  Topics to process: {plan.ToProcess.Count}"),
            Inv($"  Topics to skip (already completed): {plan.Skipped + plan.Adopted}{(plan.Adopted > 0 ? $" ({plan.Adopted} adopted from outputs on disk)" : "")}"),
            plan.Stale > 0 ? Inv($"  Changed since completed (stale, redone): {plan.Stale}") : null,
            plan.Invalid.Count > 0 ? Inv($"  Broken topic files (will fail): {plan.Invalid.Count}") : null,
            Inv($"  Concurrency: {settings.Concurrent}, batch size {settings.BatchSize}, batch delay {settings.BatchDelaySeconds:0.0}s{(settings.StrictBatches ? ", strict batches" : "")}"),
            Inv($"  Estimated duration: {Format(estimate.Duration)}; estimated cost: ${estimate.Cost:0.0000} ({source})"),
            estimate.BatchCost is { } batch ? Inv($"  Estimated cost with --batch-api: ${batch:0.0000} (synchronously ${estimate.Cost:0.0000}); batches may take hours") : null,
            settings.MaxCost is { } max ? Inv($"  Budget: ${max:0.00} (--max-cost)") : null);
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1 ? span.ToString(@"h\h\ mm\m", CultureInfo.InvariantCulture) : span.ToString(@"m\m\ ss\s", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
