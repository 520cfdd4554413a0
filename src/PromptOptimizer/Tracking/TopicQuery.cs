using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>A filter over tracking rows; null means any.</summary>
internal sealed record TopicQuery(
    OutputKind? Mode = null,
    TopicStatus? Status = null,
    string? Category = null,
    string? TopicPath = null,
    int? Limit = null);
