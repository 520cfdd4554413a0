using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed class ErrorMetadataWire
{
    [JsonPropertyName("error_type")]
    public string? ErrorType { get; set; }

    [JsonPropertyName("limit_source")]
    public string? LimitSource { get; set; }

    public string? Reason { get; set; }
}
