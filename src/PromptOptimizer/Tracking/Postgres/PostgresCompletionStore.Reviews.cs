using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>The review page's decisions and timeline, each one statement on a pooled connection like every other call.</summary>
internal sealed partial class PostgresCompletionStore : IReviewStore
{
    private const string ReviewColumns = "mode, topic_path, card_id, content_hash, decision, front, back, reviewed_at";

    public IReviewStore? Reviews => this;

    public Task SaveReviewAsync(CardReview review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        return WriteAsync($"""
            INSERT INTO card_reviews ({ReviewColumns}) VALUES (@mode, @path, @card, @hash, @decision, @front, @back, @at)
            ON CONFLICT (topic_path, mode, card_id) DO UPDATE SET content_hash = excluded.content_hash,
                decision = excluded.decision, front = excluded.front, back = excluded.back, reviewed_at = excluded.reviewed_at;
            """, c =>
        {
            c.AddText("mode", OutputKinds.NameOf(review.Mode));
            c.AddText("path", review.TopicPath);
            c.AddText("card", review.CardId);
            c.AddText("hash", review.ContentHash);
            c.AddText("decision", CardReview.TextOf(review.Decision));
            c.AddText("front", review.Front);
            c.AddText("back", review.Back);
            c.AddTime("at", review.ReviewedAt);
        }, cancellationToken);
    }

    public async Task<bool> ClearReviewAsync(OutputKind mode, string topicPath, string cardId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        ArgumentNullException.ThrowIfNull(cardId);
        return await WriteAsync("DELETE FROM card_reviews WHERE topic_path = @path AND mode = @mode AND card_id = @card;", c =>
        {
            c.AddText("mode", OutputKinds.NameOf(mode));
            c.AddText("path", topicPath);
            c.AddText("card", cardId);
        }, cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<CardReview>> GetReviewsAsync(OutputKind mode, string? topicPath, CancellationToken cancellationToken)
    {
        await using var command = Command($"""
            SELECT {ReviewColumns} FROM card_reviews
            WHERE mode = @mode AND (@path::text IS NULL OR topic_path = @path) ORDER BY topic_path, card_id;
            """);
        command.AddText("mode", OutputKinds.NameOf(mode));
        command.AddText("path", topicPath);
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Review, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CompletionMinute>> GetCompletionsPerMinuteAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = Command($"""
            SELECT mode, substr(completed_at, 1, {TrackingRows.MinuteLength}) AS minute, count(*), coalesce(sum(cost_nano_usd), 0)::bigint
            FROM topics WHERE status = 'completed' AND completed_at >= @since
            GROUP BY mode, minute ORDER BY minute, mode;
            """);
        command.AddTime("since", since);
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Minute, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CompletedTopic>> GetCompletedSinceAsync(CompletionPosition since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        await using var command = Command($"""
            SELECT mode, topic_path, content_hash, output_path, completed_at, result_json::text FROM topics
            WHERE status = 'completed' AND result_json IS NOT NULL AND completed_at >= @at
              AND (completed_at, mode, topic_path) > (@at, @mode, @path)
            ORDER BY completed_at, mode, topic_path LIMIT @limit;
            """);
        command.AddTime("at", since.CompletedAt);
        command.AddText("mode", OutputKinds.NameOf(since.Mode));
        command.AddText("path", since.TopicPath);
        command.AddInteger("limit", Math.Max(1, limit));
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Completed, cancellationToken).ConfigureAwait(false);
    }
}
