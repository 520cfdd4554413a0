using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

// Wire shapes of OpenRouter's chat completions. Every response field is nullable: the reader is tolerant
// (unknown fields ignored, nulls accepted, enums read as plain strings).
#pragma warning disable SA1649, CA1812
internal sealed record ChatMessageWire(string Role, string Content);

internal sealed record JsonSchemaWire(string Name, bool Strict, JsonElement Schema);

internal sealed record ResponseFormatWire(string Type, [property: JsonPropertyName("json_schema")] JsonSchemaWire? JsonSchema);

internal sealed record PluginWire(string Id, string? Engine, [property: JsonPropertyName("max_results")] int? MaxResults);

internal sealed record ChatRequestWire(
    string Model,
    IReadOnlyList<ChatMessageWire> Messages,
    double? Temperature,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("response_format")] ResponseFormatWire? ResponseFormat,
    IReadOnlyList<PluginWire>? Plugins,
    bool Stream = false);

internal sealed class UrlCitationWire
{
    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }
}

internal sealed class AnnotationWire
{
    public string? Type { get; set; }

    [JsonPropertyName("url_citation")]
    public UrlCitationWire? UrlCitation { get; set; }

    // Some OpenAI-compatible servers flatten the citation into the annotation itself.
    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }
}

internal sealed class ResponseMessageWire
{
    public string? Role { get; set; }

    public string? Content { get; set; }

    public string? Refusal { get; set; }

    public List<AnnotationWire>? Annotations { get; set; }
}

internal sealed class ErrorMetadataWire
{
    [JsonPropertyName("error_type")]
    public string? ErrorType { get; set; }

    [JsonPropertyName("limit_source")]
    public string? LimitSource { get; set; }

    public string? Reason { get; set; }
}

internal sealed class ErrorWire
{
    public JsonElement? Code { get; set; }

    public string? Message { get; set; }

    public JsonElement? Metadata { get; set; }
}

internal sealed class ChoiceWire
{
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    [JsonPropertyName("native_finish_reason")]
    public string? NativeFinishReason { get; set; }

    public ResponseMessageWire? Message { get; set; }

    public ErrorWire? Error { get; set; }
}

internal sealed class UsageWire
{
    [JsonPropertyName("prompt_tokens")]
    public long? PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public long? CompletionTokens { get; set; }

    public decimal? Cost { get; set; }
}

internal sealed class ChatResponseWire
{
    public string? Id { get; set; }

    public string? Model { get; set; }

    public string? Provider { get; set; }

    public List<ChoiceWire>? Choices { get; set; }

    public UsageWire? Usage { get; set; }

    public ErrorWire? Error { get; set; }
}

internal sealed class ErrorBodyWire
{
    public ErrorWire? Error { get; set; }
}
#pragma warning restore SA1649, CA1812
