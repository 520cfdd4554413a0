using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>Source-generated JSON for the chat completions wire format.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ChatRequestWire))]
[JsonSerializable(typeof(ChatResponseWire))]
[JsonSerializable(typeof(ErrorBodyWire))]
[JsonSerializable(typeof(ErrorMetadataWire))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
