using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>A completed topic's stored output document, for <c>materialize</c>.</summary>
/// <param name="ResultJson">The document as PostgreSQL's <c>jsonb</c> returns it: same content, but key order and
/// spacing are not the original's, so deserialize it (<c>OutputJsonContext</c>) before writing the file.</param>
internal sealed record MaterializedResult(OutputKind Mode, string TopicPath, string? OutputPath, string ResultJson);
