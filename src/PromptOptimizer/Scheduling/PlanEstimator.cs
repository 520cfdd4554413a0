using PromptOptimizer.Batching;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>Estimates a plan's duration and cost: from this mode's history when there is one, else from typical figures.</summary>
internal static class PlanEstimator
{
    /// <summary>
    /// Reads this mode's history from up to 200 completed topics. Only topics that were run count: an output adopted
    /// after a crash has no recorded cost or duration, and counting it would make the next run look almost free.
    /// </summary>
    /// <remarks>
    /// A sample rather than a sum over every row: a grouped scan grows with the store, and Microsoft.Data.Sqlite runs its
    /// "async" calls on the caller's thread, so the run starts this on the thread pool to overlap it with planning.
    /// </remarks>
    public static async Task<PlanHistory> LoadHistoryAsync(ICompletionStore store, RunVariant variant, CancellationToken cancellationToken)
    {
        var product = RunVariants.ProductOf(variant);
        var sample = await store.QueryAsync(new TopicQuery(product, TopicStatus.Completed, Limit: 200), cancellationToken).ConfigureAwait(false);
        var run = sample.Where(r => r.DurationMs is > 0).ToList();
        return new PlanHistory(run.Count, run.Sum(r => r.CostUsd), run.Count > 0 ? TimeSpan.FromMilliseconds(run.Average(r => r.DurationMs!.Value)) : null);
    }

    /// <summary>Plans the run and estimates it; the history read overlaps the planning, which also sweeps a killed run's temp files.</summary>
    public static async Task<(RunPlan Plan, PlanEstimate Estimate)> PlanAsync(
        RunPlanner planner, ICompletionStore store, RunSettings settings, PriceTable prices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(settings);
        var history = Task.Run(() => LoadHistoryAsync(store, settings.Variant, cancellationToken), cancellationToken);
        RunPlan plan;
        try
        {
            plan = await planner.PlanAsync(RunVariants.ProductOf(settings.Variant), settings.Categories, settings.Limit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Never leave the history read running against a store about to be closed.
            await Task.WhenAny(history).ConfigureAwait(false);
        }

        return (plan, Estimate(await history.ConfigureAwait(false), settings, prices, plan));
    }

    /// <summary>The plan's duration (the slowest of waves of topics, batch delays and Exa's rate) and its cost.</summary>
    public static PlanEstimate Estimate(PlanHistory history, RunSettings settings, PriceTable prices, RunPlan plan)
    {
        var fromHistory = history.Completed > 0;
        var perTopicCost = fromHistory ? history.CostUsd / history.Completed : TypicalCost(settings, prices);
        var perTopic = history.MeanDuration ?? TypicalDuration(settings.Variant);

        var n = plan.ToProcess.Count;
        var waves = Math.Ceiling(n / (double)settings.Concurrent) * perTopic.TotalSeconds;
        var batches = Math.Max(0, Math.Ceiling(n / (double)settings.BatchSize) - 1) * settings.BatchDelaySeconds;
        var searches = RunVariants.UsesWebResearch(settings.Variant, settings.UseWebPlugin) || settings.LocalSources is not null ? 0 : n / settings.ExaQps;
        var seconds = Math.Max(waves, Math.Max(batches, searches));
        var research = RunVariants.UsesWebResearch(settings.Variant, settings.UseWebPlugin) ? prices.WebSearchFee(settings.SearchResults) : prices.ExaSearch;
        decimal? batchCost = settings.BatchApi ? n * (research + (Math.Max(0, perTopicCost - research) * BatchingOptions.DefaultDiscount)) : null;
        return new PlanEstimate(TimeSpan.FromSeconds(seconds), perTopicCost * n, perTopicCost, perTopic, fromHistory, batchCost);
    }

    /// <summary>The original tool's documented durations per topic.</summary>
    private static TimeSpan TypicalDuration(RunVariant variant) => variant switch
    {
        RunVariant.FlashcardsWeb => TimeSpan.FromSeconds(20),
        RunVariant.FlashcardsExa => TimeSpan.FromSeconds(30),
        RunVariant.Prompts => TimeSpan.FromSeconds(60),
        _ => TimeSpan.FromSeconds(90),
    };

    private static decimal TypicalCost(RunSettings settings, PriceTable prices)
    {
        // Typical sizes: a generation call reads ~3k tokens of sources and writes ~1.5k; prompts take ~4 calls.
        var calls = settings.Variant switch
        {
            RunVariant.FlashcardsExa or RunVariant.FlashcardsWeb => 1,
            RunVariant.Prompts => 4,
            _ => 5,
        };
        var model = prices.Estimate(settings.Model, 3000, 1500) * calls;
        var research = settings.LocalSources is not null ? 0m
            : RunVariants.UsesWebResearch(settings.Variant, settings.UseWebPlugin) ? prices.WebSearchFee(settings.SearchResults) : prices.ExaSearch;
        return model + research;
    }
}
