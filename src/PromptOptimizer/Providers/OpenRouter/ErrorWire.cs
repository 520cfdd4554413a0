using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed class ErrorWire
{
    public JsonElement? Code { get; set; }

    public string? Message { get; set; }

    public JsonElement? Metadata { get; set; }
}
