using PromptOptimizer.Output;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking;

/// <summary>A finished topic whose output file is already on disk.</summary>
/// <param name="ResultJson">The output document, stored by stores that keep results (PostgreSQL); may be null.</param>
internal sealed record TopicCompletion(
    string TopicPath,
    OutputKind Mode,
    string ContentHash,
    string RunId,
    string WorkerId,
    string OutputPath,
    DateTimeOffset CompletedAt,
    long DurationMs,
    long PromptTokens,
    long CompletionTokens,
    decimal CostUsd,
    string? ResultJson = null)
{
    /// <summary>The topic file's settled stamp (see <see cref="TopicFileStamp.SettledBy"/>); null when unknown or too fresh to trust.</summary>
    public TopicFileStamp? TopicStamp { get; init; }
}
