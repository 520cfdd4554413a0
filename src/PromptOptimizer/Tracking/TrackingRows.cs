using System.Data.Common;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking;

/// <summary>
/// Reads tracking rows back into records. Both stores select the same columns in the same order and encode times
/// and money the same way (see <see cref="SqliteValues"/>), so one mapping serves SQLite and PostgreSQL.
/// </summary>
internal static class TrackingRows
{
    /// <summary>Columns: topic_path, mode, status, attempts, last_error, content_hash, output_path, run_id, started_at,
    /// completed_at, duration_ms, prompt_tokens, completion_tokens, cost_nano_usd, worker_id, lease_until, error_kind,
    /// topic_size, topic_mtime.</summary>
    public static TopicRecord Topic(DbDataReader reader) => new(
        reader.GetString(0),
        TrackingText.ParseMode(reader.GetString(1)),
        TrackingText.ParseStatus(reader.GetString(2)),
        reader.GetInt32(3),
        reader.StringOrNull(4),
        reader.StringOrNull(5),
        reader.StringOrNull(6),
        reader.StringOrNull(7),
        reader.TimeOrNull(8),
        reader.TimeOrNull(9),
        reader.Int64OrNull(10),
        reader.GetInt64(11),
        reader.GetInt64(12),
        reader.Usd(13))
    {
        WorkerId = reader.StringOrNull(14),
        LeaseUntil = reader.TimeOrNull(15),
        ErrorKind = reader.StringOrNull(16),
        TopicStamp = reader.StampOrNull(17),
    };

    /// <summary>Columns: topic_path, status, content_hash, topic_size, topic_mtime.</summary>
    public static TopicState State(DbDataReader reader) => new(
        reader.GetString(0),
        TrackingText.ParseStatus(reader.GetString(1)),
        reader.StringOrNull(2),
        reader.StampOrNull(3));

    /// <summary>Columns: topic_path, mode, run_id, stage, status_code, error, prompt_tokens, completion_tokens,
    /// cost_nano_usd, latency_ms, at, request, raw_answer.</summary>
    public static AttemptRecord Attempt(DbDataReader reader) => new(
        reader.GetString(0),
        TrackingText.ParseMode(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetInt32(4),
        reader.StringOrNull(5),
        reader.GetInt64(6),
        reader.GetInt64(7),
        reader.Usd(8),
        reader.GetInt64(9),
        reader.Time(10),
        reader.StringOrNull(11),
        reader.StringOrNull(12));

    /// <summary>Columns: mode, category, status, count, prompt tokens, completion tokens, cost in nano-dollars.</summary>
    public static StatusSummaryRow Summary(DbDataReader reader) => new(
        TrackingText.ParseMode(reader.GetString(0)),
        reader.GetString(1),
        TrackingText.ParseStatus(reader.GetString(2)),
        reader.GetInt32(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.Usd(6));

    /// <summary>Runs a query and maps every row.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(map(reader));
            }
        }

        return result;
    }

    public static string? StringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? Int64OrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A stamp stored as size (at <paramref name="ordinal"/>) and write time (the next column).</summary>
    public static TopicFileStamp? StampOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.IsDBNull(ordinal + 1) ? null : new TopicFileStamp(reader.GetInt64(ordinal), reader.GetInt64(ordinal + 1));

    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => SqliteValues.ParseTime(reader.GetString(ordinal));

    public static DateTimeOffset? TimeOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.Time(ordinal);

    public static decimal Usd(this DbDataReader reader, int ordinal) => SqliteValues.Usd(reader.GetInt64(ordinal));
}
