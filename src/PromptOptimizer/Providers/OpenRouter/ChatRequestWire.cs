using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed record ChatRequestWire(
    string Model,
    IReadOnlyList<ChatMessageWire> Messages,
    double? Temperature,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("response_format")] ResponseFormatWire? ResponseFormat,
    IReadOnlyList<PluginWire>? Plugins,
    bool Stream = false);
