using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>Source-generated JSON for the chat completions and batch wire formats.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ChatRequestWire))]
[JsonSerializable(typeof(ChatResponseWire))]
[JsonSerializable(typeof(ErrorBodyWire))]
[JsonSerializable(typeof(ErrorMetadataWire))]
[JsonSerializable(typeof(BatchSubmitWire))]
[JsonSerializable(typeof(BatchObjectWire))]
[JsonSerializable(typeof(BatchListWire<BatchObjectWire>))]
[JsonSerializable(typeof(BatchListWire<BatchResultWire>))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
