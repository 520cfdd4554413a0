using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>A batch object as <c>POST /batches</c>, <c>GET /batches/{id}</c> and the list answer it. Tolerant like
/// <see cref="ChatResponseWire"/>: every field nullable, unknown fields ignored, statuses plain strings.</summary>
internal sealed class BatchObjectWire
{
    public string? Id { get; set; }

    public string? Model { get; set; }

    public string? Status { get; set; }

    [JsonPropertyName("created_at")]
    public long? CreatedAt { get; set; }

    [JsonPropertyName("request_counts")]
    public BatchCountsWire? RequestCounts { get; set; }

    public ErrorWire? Error { get; set; }

    public UsageWire? Usage { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}
