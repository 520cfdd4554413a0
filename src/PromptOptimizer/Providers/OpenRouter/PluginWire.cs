using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed record PluginWire(string Id, string? Engine, [property: JsonPropertyName("max_results")] int? MaxResults);
