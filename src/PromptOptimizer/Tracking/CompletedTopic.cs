using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>A completed topic as the store recorded it, for the review page's card index.</summary>
/// <param name="OutputPath">Where the worker that completed it wrote the output file (on its own machine).</param>
/// <param name="ResultJson">The output document for stores that keep results (PostgreSQL, whose workers need no shared disk; as
/// <c>jsonb</c> returns it, so deserialize it); null for a store that keeps none (SQLite: the file is the result).</param>
internal sealed record CompletedTopic(OutputKind Mode, string TopicPath, string? ContentHash, string? OutputPath, DateTimeOffset CompletedAt, string? ResultJson)
{
    /// <summary>Where to read on from after this topic.</summary>
    public CompletionPosition Position => new(CompletedAt, Mode, TopicPath);
}
