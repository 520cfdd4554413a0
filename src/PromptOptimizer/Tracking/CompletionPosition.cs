using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>
/// A place in the order of completions, by completion time, then product, then topic path, to read on from with
/// <see cref="IReviewStore.GetCompletedSinceAsync"/>. Ties on time are broken by the rest, so paging through many
/// topics completed in the same instant (an adopting run) neither repeats nor skips one.
/// </summary>
internal sealed record CompletionPosition(DateTimeOffset CompletedAt, OutputKind Mode, string TopicPath)
{
    /// <summary>Before every completion.</summary>
    public static CompletionPosition Start { get; } = new(DateTimeOffset.MinValue, OutputKind.Flashcards, "");
}
