using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed class UsageWire
{
    [JsonPropertyName("prompt_tokens")]
    public long? PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public long? CompletionTokens { get; set; }

    public decimal? Cost { get; set; }
}
