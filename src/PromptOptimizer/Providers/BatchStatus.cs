namespace PromptOptimizer.Providers;

/// <summary>A batch as the provider reports it.</summary>
/// <param name="Status">The provider's word: <c>validating</c>, <c>in_progress</c>, <c>finalizing</c>, <c>completed</c>,
/// <c>failed</c>, <c>expired</c>, <c>cancelling</c> or <c>cancelled</c>.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Completed">Requests answered successfully so far.</param>
/// <param name="Failed">Requests that ended in an error so far.</param>
/// <param name="Error">Why the batch failed (the provider's <c>error.message</c>), when it says.</param>
/// <param name="Cost">The batch's <c>usage.cost</c> in USD at the batch price, when the provider reports it.</param>
internal sealed record BatchStatus(
    string Id,
    string Status,
    string Model,
    int Total,
    int Completed,
    int Failed,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Metadata,
    string? Error = null,
    decimal? Cost = null)
{
    /// <summary>True once the provider will not change the batch any more.</summary>
    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";
}
