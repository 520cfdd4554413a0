using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>A result line's <c>response</c>: the status and body a synchronous call would have got.</summary>
internal sealed class BatchResponseWire
{
    [JsonPropertyName("status_code")]
    public int? StatusCode { get; set; }

    public JsonElement? Body { get; set; }
}
