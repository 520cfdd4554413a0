using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>A page of <c>GET /batches</c> (newest first; items carry no results) or of <c>GET /batches/{id}/results</c>.</summary>
internal sealed class BatchListWire<T>
{
    public List<T>? Data { get; set; }

    [JsonPropertyName("has_more")]
    public bool? HasMore { get; set; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; set; }

    [JsonPropertyName("last_id")]
    public string? LastId { get; set; }
}
