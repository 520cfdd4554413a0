using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>
/// The body of <c>POST /batches</c>. OpenRouter parses it as a stream: <c>endpoint</c> and <c>model</c> must come
/// before <c>requests</c>, so the order of the properties here is the order on the wire.
/// </summary>
internal sealed record BatchSubmitWire(
    [property: JsonPropertyOrder(0)] string Endpoint,
    [property: JsonPropertyOrder(1)] string Model,
    [property: JsonPropertyOrder(2), JsonPropertyName("completion_window")] string CompletionWindow,
    [property: JsonPropertyOrder(3)] IReadOnlyDictionary<string, string>? Metadata,
    [property: JsonPropertyOrder(4)] IReadOnlyList<BatchRequestWire> Requests);
