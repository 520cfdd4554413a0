using PromptOptimizer.Batching;

namespace PromptOptimizer.Scheduling;

/// <summary>A snapshot of a run for progress displays.</summary>
/// <param name="Total">Every selected topic, skipped ones included.</param>
/// <param name="ToProcess">Topics this run dispatches (Total less Skipped at start).</param>
internal sealed record RunProgress(
    int Total,
    int ToProcess,
    int Completed,
    int Failed,
    int Skipped,
    int InFlight,
    int Batch,
    int TotalBatches,
    decimal CostUsd,
    TimeSpan Elapsed)
{
    /// <summary>The run's provider batches as last sampled; null without <c>--batch-api</c>.</summary>
    public BatchProgress? Batches { get; init; }

    public int Finished => Completed + Failed;

    /// <summary>Topics finished per minute so far.</summary>
    public double TopicsPerMinute => Elapsed.TotalMinutes <= 0 ? 0 : Finished / Elapsed.TotalMinutes;

    /// <summary>Time left at the current pace; null until the first topic ends.</summary>
    public TimeSpan? Eta => Finished == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / Finished * Math.Max(0, ToProcess - Finished));

    /// <summary>What the whole run will cost at the current average per topic.</summary>
    public decimal ProjectedCostUsd => Finished == 0 ? CostUsd : CostUsd / Finished * ToProcess;
}
