using PromptOptimizer.Output;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking;

/// <summary>One tracking row: a topic in one product (<see cref="OutputKind"/>).</summary>
internal sealed record TopicRecord(
    string TopicPath,
    OutputKind Mode,
    TopicStatus Status,
    int Attempts,
    string? LastError,
    string? ContentHash,
    string? OutputPath,
    string? RunId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long? DurationMs,
    long PromptTokens,
    long CompletionTokens,
    decimal CostUsd)
{
    /// <summary>The worker holding the lease (PostgreSQL workers); null for a local run.</summary>
    public string? WorkerId { get; init; }

    /// <summary>When the current lease runs out; a started row past it may be claimed again.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>The error kind of the last failure (see <c>ErrorKind</c>), as text.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>The topic file's stamp when the completed output was made from it; null when unknown (then the file is read and hashed).</summary>
    public TopicFileStamp? TopicStamp { get; init; }

    /// <summary>Completed, but the topic file changed since: it will be processed again.</summary>
    public bool IsStaleFor(string currentHash) => Status == TopicStatus.Completed && !string.Equals(ContentHash, currentHash, StringComparison.Ordinal);
}
