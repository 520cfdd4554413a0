using System.Data.Common;
using System.Globalization;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking;

/// <summary>
/// The row format both stores share: times and money are encoded the same way, and both select the same columns in
/// the same order, so one mapping reads rows back into records for SQLite and PostgreSQL.
/// </summary>
internal static class TrackingRows
{
    // Fixed width so that text comparison in SQL (lease_until > now) orders like time.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const decimal NanosPerDollar = 1_000_000_000m;

    /// <summary>A time as stored: fixed-width UTC text, exact to the tick.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    /// <summary>Money as whole nano-dollars: exact to 1e-9 and exact when summed in SQL, unlike REAL.</summary>
    public static long Nanos(decimal usd) => (long)decimal.Round(usd * NanosPerDollar, MidpointRounding.AwayFromZero);

    public static decimal Usd(long nanos) => nanos / NanosPerDollar;

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

    /// <summary>The columns of <see cref="Batch"/>, from <c>provider_batches</c> (aliased <c>b</c>).</summary>
    public const string BatchColumns = "b.label, b.batch_id, b.model, b.status, b.requests, b.completed, b.failed, b.estimated_cost_nano_usd, b.created_at, b.updated_at";

    /// <summary>Columns: <see cref="BatchColumns"/>, from <paramref name="first"/> on.</summary>
    public static RecordedBatch Batch(DbDataReader reader, int first) => new(
        reader.GetString(first),
        reader.StringOrNull(first + 1),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        reader.GetInt32(first + 4),
        reader.GetInt32(first + 5),
        reader.GetInt32(first + 6),
        reader.Usd(first + 7),
        reader.Time(first + 8),
        reader.Time(first + 9));

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

    /// <summary>Columns: mode, topic_path, card_id, content_hash, decision, front, back, reviewed_at.</summary>
    public static CardReview Review(DbDataReader reader) => new(
        TrackingText.ParseMode(reader.GetString(0)),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        CardReview.ParseDecision(reader.GetString(4)),
        reader.StringOrNull(5),
        reader.StringOrNull(6),
        reader.Time(7));

    /// <summary>The minute of a stored time, as SQL groups it: its first 16 characters (<c>yyyy-MM-ddTHH:mm</c>).</summary>
    public const int MinuteLength = 16;

    /// <summary>Columns: mode, minute (the first <see cref="MinuteLength"/> characters of a stored time), count, cost in nano-dollars.</summary>
    public static CompletionMinute Minute(DbDataReader reader) => new(
        reader.GetString(0),
        new DateTimeOffset(DateTime.ParseExact(reader.GetString(1), "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero),
        Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
        Usd(Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));

    /// <summary>Columns: mode, topic_path, content_hash, output_path, completed_at, result_json (as text, never null).</summary>
    public static CompletedTopic Completed(DbDataReader reader) => new(
        TrackingText.ParseMode(reader.GetString(0)),
        reader.GetString(1),
        reader.StringOrNull(2),
        reader.StringOrNull(3),
        reader.Time(4),
        reader.GetString(5));

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

    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => ParseTime(reader.GetString(ordinal));

    public static DateTimeOffset? TimeOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.Time(ordinal);

    public static decimal Usd(this DbDataReader reader, int ordinal) => Usd(reader.GetInt64(ordinal));
}
