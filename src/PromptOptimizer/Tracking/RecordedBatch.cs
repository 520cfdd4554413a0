namespace PromptOptimizer.Tracking;

/// <summary>A provider batch as the store knows it.</summary>
/// <param name="BatchId">The provider's id; null while only the intent is recorded.</param>
/// <param name="Status"><see cref="Intent"/>, the provider's last reported status, <see cref="Collected"/> or <see cref="Abandoned"/>.</param>
internal sealed record RecordedBatch(
    string Label,
    string? BatchId,
    string Model,
    string Status,
    int Requests,
    int Completed,
    int Failed,
    decimal EstimatedCostUsd,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Recorded before submitting; the provider's id is not known yet.</summary>
    public const string Intent = "intent";

    /// <summary>The batch ended and its answers were read.</summary>
    public const string Collected = "collected";

    /// <summary>The provider never accepted the batch; its requests were free to go into another one.</summary>
    public const string Abandoned = "abandoned";
}
