using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>A completed topic and the output document the store kept for it, for the review page's card index.</summary>
/// <param name="OutputPath">Where the worker that completed it wrote the output file (on its own machine).</param>
/// <param name="ResultJson">The output document as <c>jsonb</c> returns it (same content, not the same key order or
/// spacing), so deserialize it.</param>
internal sealed record CompletedTopic(OutputKind Mode, string TopicPath, string? ContentHash, string? OutputPath, DateTimeOffset CompletedAt, string ResultJson)
{
    /// <summary>Where to read on from after this topic.</summary>
    public CompletionPosition Position => new(CompletedAt, Mode, TopicPath);
}
