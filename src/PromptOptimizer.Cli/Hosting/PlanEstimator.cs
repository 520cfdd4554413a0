using PromptOptimizer.Costs;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>Estimates a plan's duration and cost: from this mode's history when there is one, else from typical figures.</summary>
internal static class PlanEstimator
{
    /// <summary>
    /// Reads this mode's history: the store groups every row, which over 100k topics takes a noticeable part of a
    /// second, so the run starts it before planning and the two overlap.
    /// </summary>
    public static async Task<PlanHistory> LoadHistoryAsync(ICompletionStore store, RunVariant variant, CancellationToken cancellationToken)
    {
        var product = RunVariants.ProductOf(variant);
        var completed = (await store.SummarizeAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.Mode == product && r.Status == TopicStatus.Completed).ToList();
        var history = await store.QueryAsync(new TopicQuery(product, TopicStatus.Completed, Limit: 200), cancellationToken).ConfigureAwait(false);
        var durations = history.Where(r => r.DurationMs is > 0).Select(r => r.DurationMs!.Value).ToList();
        return new PlanHistory(completed.Sum(r => r.Count), completed.Sum(r => r.CostUsd), durations.Count > 0 ? TimeSpan.FromMilliseconds(durations.Average()) : null);
    }

    public static PlanEstimate Estimate(PlanHistory history, RunSettings settings, PriceTable prices, RunPlan plan)
    {
        var fromHistory = history.Completed > 0;
        var perTopicCost = fromHistory ? history.CostUsd / history.Completed : TypicalCost(settings, prices);
        var perTopic = history.MeanDuration ?? TypicalDuration(settings.Variant);

        var n = plan.ToProcess.Count;
        var waves = Math.Ceiling(n / (double)settings.Concurrent) * perTopic.TotalSeconds;
        var batches = Math.Max(0, Math.Ceiling(n / (double)settings.BatchSize) - 1) * settings.BatchDelaySeconds;
        var searches = settings.Variant == RunVariant.FlashcardsWeb || settings.UseWebPlugin ? 0 : n / settings.ExaQps;
        var seconds = Math.Max(waves, Math.Max(batches, searches));
        return new PlanEstimate(TimeSpan.FromSeconds(seconds), perTopicCost * n, perTopicCost, perTopic, fromHistory);
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
        var research = settings.Variant == RunVariant.FlashcardsWeb || settings.UseWebPlugin ? prices.WebSearchFee(settings.SearchResults) : prices.ExaSearch;
        return model + research;
    }
}
