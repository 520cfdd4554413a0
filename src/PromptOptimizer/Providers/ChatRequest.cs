using System.Text.Json;

namespace PromptOptimizer.Providers;

/// <summary>What a pipeline step asks of the chat model.</summary>
/// <param name="SchemaName">The <c>json_schema</c> name (<c>[a-zA-Z0-9_-]{1,64}</c>); null for free text.</param>
/// <param name="WebResults">When set, OpenRouter's web plugin (Exa engine) researches with this many results.</param>
/// <param name="Stage">The pipeline step, for tracking: <c>generate</c>, <c>draft</c>, <c>critique</c>, ...</param>
internal sealed record ChatRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    string? SchemaName,
    JsonElement? Schema,
    int MaxTokens,
    string Stage,
    double Temperature = 0.2,
    int? WebResults = null);
