using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>The review page's decisions and timeline: writes through the single writer, reads on WAL readers.</summary>
internal sealed partial class SqliteCompletionStore
{
    private const string ReviewColumns = "mode, topic_path, card_id, content_hash, decision, front, back, reviewed_at";

    public IReviewStore? Reviews => this;

    public Task SaveReviewAsync(CardReview review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        return WriteAsync((c, t) =>
        {
            var command = SqliteValues.Prepared(c, t, $"""
                INSERT INTO card_reviews ({ReviewColumns}) VALUES ($mode, $path, $card, $hash, $decision, $front, $back, $at)
                ON CONFLICT (topic_path, mode, card_id) DO UPDATE SET content_hash = excluded.content_hash,
                    decision = excluded.decision, front = excluded.front, back = excluded.back, reviewed_at = excluded.reviewed_at;
                """);
            command.Add("$mode", OutputKinds.NameOf(review.Mode));
            command.Add("$path", review.TopicPath);
            command.Add("$card", review.CardId);
            command.Add("$hash", review.ContentHash);
            command.Add("$decision", CardReview.TextOf(review.Decision));
            command.Add("$front", SqliteValues.OrNull(review.Front));
            command.Add("$back", SqliteValues.OrNull(review.Back));
            command.Add("$at", SqliteValues.Time(review.ReviewedAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<bool> ClearReviewAsync(OutputKind mode, string topicPath, string cardId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        ArgumentNullException.ThrowIfNull(cardId);
        var modeText = OutputKinds.NameOf(mode);
        return await WriteAsync((c, t) =>
        {
            var command = SqliteValues.Prepared(c, t, "DELETE FROM card_reviews WHERE topic_path = $path AND mode = $mode AND card_id = $card;");
            command.Add("$mode", modeText);
            command.Add("$path", topicPath);
            command.Add("$card", cardId);
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<CardReview>> GetReviewsAsync(OutputKind mode, string? topicPath, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, null, $"""
            SELECT {ReviewColumns} FROM card_reviews
            WHERE mode = $mode AND ($path IS NULL OR topic_path = $path) ORDER BY topic_path, card_id;
            """);
        command.Add("$mode", OutputKinds.NameOf(mode));
        command.Add("$path", SqliteValues.OrNull(topicPath));
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Review, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CompletionMinute>> GetCompletionsPerMinuteAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqliteValues.Command(connection, null, $"""
            SELECT mode, substr(completed_at, 1, {TrackingRows.MinuteLength}) AS minute, count(*), coalesce(sum(cost_nano_usd), 0)
            FROM topics WHERE status = 'completed' AND completed_at >= $since
            GROUP BY mode, minute ORDER BY minute, mode;
            """);
        command.Add("$since", SqliteValues.Time(since));
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Minute, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>None: this store keeps no results (the output file is the result), so the card index follows the files alone.</summary>
    public Task<IReadOnlyList<CompletedTopic>> GetCompletedSinceAsync(CompletionPosition since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        return Task.FromResult<IReadOnlyList<CompletedTopic>>([]);
    }
}
