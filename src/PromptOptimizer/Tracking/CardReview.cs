using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>
/// A person's decision on one card of one topic's output, kept in the completion store (never in the output file a run
/// owns). It holds the topic's content hash as reviewed: once the topic is generated again from a changed file, the
/// review is stale and is shown as such rather than applied to cards nobody has seen.
/// </summary>
/// <param name="CardId">The card's id inside its output file (<c>c1</c>, ...).</param>
/// <param name="ContentHash">The topic's content hash when the card was reviewed.</param>
/// <param name="Front">The edited front (or cloze text), or null when unedited.</param>
/// <param name="Back">The edited back, or null when unedited.</param>
internal sealed record CardReview(
    OutputKind Mode,
    string TopicPath,
    string CardId,
    string ContentHash,
    ReviewDecision Decision,
    string? Front,
    string? Back,
    DateTimeOffset ReviewedAt)
{
    /// <summary>The topic was generated again from a changed file since this review: it no longer applies.</summary>
    public bool IsStaleFor(string currentHash) => !string.Equals(ContentHash, currentHash, StringComparison.Ordinal);

    public static string TextOf(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Accepted => "accepted",
        ReviewDecision.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown review decision."),
    };

    public static ReviewDecision ParseDecision(string text) => text switch
    {
        "accepted" => ReviewDecision.Accepted,
        "rejected" => ReviewDecision.Rejected,
        _ => throw new FormatException($"Unknown review decision '{text}' in the completion database."),
    };
}
