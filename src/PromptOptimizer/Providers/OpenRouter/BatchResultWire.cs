using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>One result line: exactly one of <c>response</c> (the HTTP answer the request got) or <c>error</c> (it got none).</summary>
internal sealed class BatchResultWire
{
    [JsonPropertyName("custom_id")]
    public string? CustomId { get; set; }

    public BatchResponseWire? Response { get; set; }

    public BatchLineErrorWire? Error { get; set; }
}
