using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.Exa;

/// <summary>Source-generated JSON for Exa's search wire format.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SearchRequestWire))]
[JsonSerializable(typeof(SearchResponseWire))]
[JsonSerializable(typeof(SearchErrorWire))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
