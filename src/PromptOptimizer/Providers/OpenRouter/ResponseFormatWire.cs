using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed record ResponseFormatWire(string Type, [property: JsonPropertyName("json_schema")] JsonSchemaWire? JsonSchema);
