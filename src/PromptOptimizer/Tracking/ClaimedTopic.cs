using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>A topic a worker now holds (status <c>started</c>, leased to it) with the content that was enqueued.</summary>
/// <param name="Variant">The run variant it was enqueued for (tells flashcards via Exa from flashcards via the web plugin).</param>
internal sealed record ClaimedTopic(
    OutputKind Mode,
    RunVariant Variant,
    string Path,
    string ContentHash,
    byte[] Content,
    DateTimeOffset LeaseUntil);
