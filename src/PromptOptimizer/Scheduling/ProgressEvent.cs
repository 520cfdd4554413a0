using PromptOptimizer.Batching;

namespace PromptOptimizer.Scheduling;

/// <summary>What workers and the dispatcher hand to the single reporting task.</summary>
internal sealed record ProgressEvent(ProgressEventKind Kind)
{
    public TopicOutcome? Outcome { get; init; }

    public int Batch { get; init; }

    public int Topics { get; init; }

    public TimeSpan Delay { get; init; }

    public string? Provider { get; init; }

    public DateTimeOffset Until { get; init; }

    public string? Reason { get; init; }

    /// <summary>The run's provider batches (<c>--batch-api</c>), for <see cref="ProgressEventKind.ProviderBatches"/>.</summary>
    public BatchProgress? Batches { get; init; }
}
