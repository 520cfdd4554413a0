using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>
/// What the review page keeps and reads beside the tracking rows: one decision per card (the last one wins; clearing
/// it is undo), completions per minute for the charts, and the results the store kept of completed topics, in completion
/// order, which the card index follows. Both stores implement it, reached through
/// <see cref="ICompletionStore.Reviews"/>.
/// </summary>
internal interface IReviewStore
{
    /// <summary>Records (or replaces) the decision on one card.</summary>
    Task SaveReviewAsync(CardReview review, CancellationToken cancellationToken);

    /// <summary>Removes the decision on one card; returns whether there was one.</summary>
    Task<bool> ClearReviewAsync(OutputKind mode, string topicPath, string cardId, CancellationToken cancellationToken);

    /// <summary>The decisions of one topic, or of every topic of the product when <paramref name="topicPath"/> is null, by topic path and card id.</summary>
    Task<IReadOnlyList<CardReview>> GetReviewsAsync(OutputKind mode, string? topicPath, CancellationToken cancellationToken);

    /// <summary>Completed topics and their cost per product and UTC minute, since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<CompletionMinute>> GetCompletionsPerMinuteAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> topics completed after <paramref name="since"/> whose output document the store kept
    /// (PostgreSQL, for workers without a shared disk; a store that keeps none returns none), in completion order (time,
    /// product, path). Read on from the last one's <see cref="CompletedTopic.Position"/>.
    /// </summary>
    Task<IReadOnlyList<CompletedTopic>> GetCompletedSinceAsync(CompletionPosition since, int limit, CancellationToken cancellationToken);
}
