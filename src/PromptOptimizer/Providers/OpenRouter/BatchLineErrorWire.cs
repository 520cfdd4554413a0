using System.Text.Json;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>A result line's <c>error</c> (<c>message</c>, <c>type</c>, <c>param</c>; OpenAI's shape also has <c>code</c>).</summary>
internal sealed class BatchLineErrorWire
{
    public string? Message { get; set; }

    public string? Type { get; set; }

    public JsonElement? Code { get; set; }
}
