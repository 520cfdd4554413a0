using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>A request to start work on a topic: the row becomes <c>started</c> and counts one more attempt.</summary>
/// <param name="LeaseUntil">Until when the claim holds; null for a local run (no lease expiry: a dead run's rows are taken back at the next start).</param>
internal sealed record TopicClaim(
    string TopicPath,
    OutputKind Mode,
    string ContentHash,
    string RunId,
    string WorkerId,
    DateTimeOffset StartedAt,
    DateTimeOffset? LeaseUntil = null);
