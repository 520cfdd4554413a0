namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>A batch's <c>request_counts</c>.</summary>
internal sealed class BatchCountsWire
{
    public int? Total { get; set; }

    public int? Completed { get; set; }

    public int? Failed { get; set; }
}
