using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed record JsonSchemaWire(string Name, bool Strict, JsonElement Schema);
