using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>One line of a batch: its <c>custom_id</c> and the chat completions request as <c>body</c>.</summary>
internal sealed record BatchRequestWire(
    [property: JsonPropertyName("custom_id")] string CustomId,
    ChatRequestWire Body);
