using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>The SQL of every read; each runs on its own short-lived connection (WAL lets readers run beside the writer).</summary>
internal static class SqliteTopicReads
{
    /// <summary>Paths per <c>IN (...)</c> list: well under SQLite's variable limit, few round trips for 1,000 paths.</summary>
    public const int ChunkSize = 500;

    private const string TopicColumns = """
        topic_path, mode, status, attempts, last_error, content_hash, output_path, run_id, started_at, completed_at,
        duration_ms, prompt_tokens, completion_tokens, cost_nano_usd, worker_id, lease_until, error_kind, topic_size, topic_mtime
        """;

    public static async Task<IReadOnlyDictionary<string, TopicRecord>> GetAsync(
        SqliteConnection connection, OutputKind mode, IReadOnlyCollection<string> topicPaths, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, TopicRecord>(topicPaths.Count, StringComparer.Ordinal);
        foreach (var chunk in topicPaths.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder($"SELECT {TopicColumns} FROM topics WHERE mode = $mode AND topic_path IN (");
            command.Add("$mode", OutputKinds.NameOf(mode));
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = "$p" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? name : "," + name);
                command.Add(name, chunk[i]);
            }

            command.CommandText = sql.Append(");").ToString();
            foreach (var record in await TrackingRows.ReadAllAsync(command, TrackingRows.Topic, cancellationToken).ConfigureAwait(false))
            {
                result[record.TopicPath] = record;
            }
        }

        return result;
    }

    public static async Task<IReadOnlyDictionary<string, TopicState>> GetCategoryStatesAsync(
        SqliteConnection connection, OutputKind mode, string category, CancellationToken cancellationToken)
    {
        // '+mode' keeps SQLite on the primary key's range (see QueryAsync); '0' is the character after '/'.
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT topic_path, status, content_hash, topic_size, topic_mtime FROM topics
            WHERE +mode = $mode AND topic_path >= $from AND topic_path < $to;
            """;
        command.Add("$mode", OutputKinds.NameOf(mode));
        command.Add("$from", category + "/");
        command.Add("$to", category + "0");
        var states = await TrackingRows.ReadAllAsync(command, TrackingRows.State, cancellationToken).ConfigureAwait(false);
        return states.ToDictionary(s => s.TopicPath, StringComparer.Ordinal);
    }

    public static async Task<IReadOnlyList<TopicRecord>> QueryAsync(SqliteConnection connection, TopicQuery query, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {TopicColumns} FROM topics WHERE 1 = 1");
        if (query.Mode is { } mode)
        {
            // Within a category the primary key's range is the way in; without statistics SQLite would rather walk
            // the (mode, status) index over every row of the product, once per category. '+' keeps it off that index.
            sql.Append(query.Category is null ? " AND mode = $mode" : " AND +mode = $mode");
            command.Add("$mode", OutputKinds.NameOf(mode));
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND status = $status");
            command.Add("$status", TrackingText.Of(status));
        }

        if (query.Category is { } category)
        {
            // A range rather than LIKE (category names are full of '_', LIKE's wildcard), so the primary key finds the
            // category's rows without scanning the table: '0' is the character after '/'.
            sql.Append(" AND topic_path >= $from AND topic_path < $to");
            command.Add("$from", category + "/");
            command.Add("$to", category + "0");
        }

        if (query.TopicPath is { } path)
        {
            sql.Append(" AND topic_path = $path");
            command.Add("$path", path);
        }

        sql.Append(" ORDER BY topic_path, mode");
        if (query.Limit is { } limit)
        {
            sql.Append(" LIMIT $limit");
            command.Add("$limit", Math.Max(0, limit));
        }

        command.CommandText = sql.Append(';').ToString();
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Topic, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(
        SqliteConnection connection, OutputKind? mode, string topicPath, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT topic_path, mode, run_id, stage, status_code, error, prompt_tokens, completion_tokens, cost_nano_usd,
                   latency_ms, at, request, raw_answer
            FROM attempts WHERE topic_path = $path AND ($mode IS NULL OR mode = $mode) ORDER BY id;
            """;
        command.Add("$path", topicPath);
        command.Add("$mode", mode is { } m ? OutputKinds.NameOf(m) : DBNull.Value);
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Grouped in SQL: one row per (mode, category, status), never one per topic.</summary>
    public static async Task<IReadOnlyList<StatusSummaryRow>> SummarizeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT mode,
                   CASE WHEN instr(topic_path, '/') > 0 THEN substr(topic_path, 1, instr(topic_path, '/') - 1) ELSE '' END AS category,
                   status, count(*), sum(prompt_tokens), sum(completion_tokens), sum(cost_nano_usd)
            FROM topics GROUP BY mode, category, status ORDER BY mode, category, status;
            """;
        return await TrackingRows.ReadAllAsync(command, TrackingRows.Summary, cancellationToken).ConfigureAwait(false);
    }
}
