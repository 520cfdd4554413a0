using PromptOptimizer.Providers.OpenRouter;

namespace PromptOptimizer.Providers;

/// <summary>Maps a <see cref="ChatRequest"/> onto the chat completions request body: the synchronous call sends it as
/// is, a batch sends it as each request's <c>body</c>.</summary>
internal static class ChatWireMapper
{
    public static ChatRequestWire ToWire(ChatRequest request)
    {
        ResponseFormatWire? format = request.SchemaName is null || request.Schema is null
            ? null
            : new ResponseFormatWire("json_schema", new JsonSchemaWire(request.SchemaName, Strict: true, request.Schema.Value));
        IReadOnlyList<PluginWire>? plugins = request.WebResults is { } n ? [new PluginWire("web", "exa", n)] : null;
        return new ChatRequestWire(
            request.Model,
            request.Messages.Select(m => new ChatMessageWire(m.Role, m.Content)).ToList(),
            request.Temperature,
            request.MaxTokens,
            format,
            plugins);
    }
}
