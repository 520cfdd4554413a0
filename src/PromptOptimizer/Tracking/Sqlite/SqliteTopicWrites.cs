using Microsoft.Data.Sqlite;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>The SQL of every write; each runs on the writer's connection inside its batch transaction and returns rows changed.</summary>
internal static class SqliteTopicWrites
{
    // Tokens and cost accumulate over attempts (fail, complete and adopt all add): the row says what the topic cost in total.
    // result_json stays NULL here: only PostgreSQL serves results (materialize); locally the output file is the result, and
    // a copy in every row made each row span overflow pages that every plan had to read past.
    private const string ClaimSql = """
        INSERT INTO topics (topic_path, mode, status, attempts, content_hash, run_id, worker_id, lease_until, started_at)
        VALUES ($path, $mode, 'started', 1, $hash, $run, $worker, $lease, $started)
        ON CONFLICT (topic_path, mode) DO UPDATE SET
            status = 'started', attempts = attempts + 1, content_hash = excluded.content_hash,
            run_id = excluded.run_id, worker_id = excluded.worker_id, lease_until = excluded.lease_until,
            started_at = excluded.started_at, completed_at = NULL, duration_ms = NULL
        WHERE NOT (status = 'completed' AND content_hash IS excluded.content_hash)
          AND NOT (status = 'started' AND worker_id IS NOT excluded.worker_id AND lease_until IS NOT NULL AND lease_until > $now);
        """;

    private const string CompleteSql = """
        UPDATE topics SET
            status = 'completed', content_hash = $hash, output_path = $output, completed_at = $at, duration_ms = $duration,
            prompt_tokens = prompt_tokens + $prompt, completion_tokens = completion_tokens + $completion,
            cost_nano_usd = cost_nano_usd + $cost, result_json = NULL, last_error = NULL, error_kind = NULL, lease_until = NULL,
            topic_size = $size, topic_mtime = $mtime
        WHERE topic_path = $path AND mode = $mode AND status = 'started' AND run_id = $run AND worker_id = $worker;
        """;

    private const string AdoptSql = """
        INSERT INTO topics (topic_path, mode, status, attempts, content_hash, output_path, run_id, worker_id, completed_at,
                            duration_ms, prompt_tokens, completion_tokens, cost_nano_usd, topic_size, topic_mtime)
        VALUES ($path, $mode, 'completed', 0, $hash, $output, $run, $worker, $at, $duration, $prompt, $completion, $cost, $size, $mtime)
        ON CONFLICT (topic_path, mode) DO UPDATE SET
            status = 'completed', content_hash = excluded.content_hash, output_path = excluded.output_path,
            run_id = excluded.run_id, worker_id = excluded.worker_id, completed_at = excluded.completed_at,
            duration_ms = excluded.duration_ms, prompt_tokens = prompt_tokens + excluded.prompt_tokens,
            completion_tokens = completion_tokens + excluded.completion_tokens,
            cost_nano_usd = cost_nano_usd + excluded.cost_nano_usd, result_json = NULL,
            last_error = NULL, error_kind = NULL, lease_until = NULL, topic_size = excluded.topic_size, topic_mtime = excluded.topic_mtime;
        """;

    // Only while the row still says completed for that content: a stamp must never vouch for another version.
    private const string RestampSql = """
        UPDATE topics SET topic_size = $size, topic_mtime = $mtime
        WHERE topic_path = $path AND mode = $mode AND status = 'completed' AND content_hash = $hash;
        """;

    private const string FailSql = """
        UPDATE topics SET
            status = 'failed', last_error = $error, error_kind = $kind, content_hash = coalesce($hash, content_hash),
            duration_ms = $duration, prompt_tokens = prompt_tokens + $prompt, completion_tokens = completion_tokens + $completion,
            cost_nano_usd = cost_nano_usd + $cost, lease_until = NULL
        WHERE topic_path = $path AND mode = $mode AND status = 'started' AND run_id = $run AND worker_id = $worker;
        """;

    private const string AttemptSql = """
        INSERT INTO attempts (topic_path, mode, run_id, stage, status_code, error, prompt_tokens, completion_tokens,
                              cost_nano_usd, latency_ms, at, request, raw_answer)
        VALUES ($path, $mode, $run, $stage, $status, $error, $prompt, $completion, $cost, $latency, $at, $request, $raw);
        """;

    public static int Claim(SqliteConnection connection, SqliteTransaction transaction, TopicClaim claim, DateTimeOffset now)
    {
        var command = SqliteValues.Prepared(connection, transaction, ClaimSql);
        command.Add("$path", claim.TopicPath);
        command.Add("$mode", OutputKinds.NameOf(claim.Mode));
        command.Add("$hash", claim.ContentHash);
        command.Add("$run", claim.RunId);
        command.Add("$worker", claim.WorkerId);
        command.Add("$lease", SqliteValues.Time(claim.LeaseUntil));
        command.Add("$started", SqliteValues.Time(claim.StartedAt));
        command.Add("$now", SqliteValues.Time(now));
        return command.ExecuteNonQuery();
    }

    public static int Complete(SqliteConnection connection, SqliteTransaction transaction, TopicCompletion completion) =>
        Finish(connection, transaction, CompleteSql, completion);

    public static int Adopt(SqliteConnection connection, SqliteTransaction transaction, TopicCompletion completion) =>
        Finish(connection, transaction, AdoptSql, completion);

    public static int Fail(SqliteConnection connection, SqliteTransaction transaction, TopicFailure failure)
    {
        var command = SqliteValues.Prepared(connection, transaction, FailSql);
        command.Add("$path", failure.TopicPath);
        command.Add("$mode", OutputKinds.NameOf(failure.Mode));
        command.Add("$hash", SqliteValues.OrNull(failure.ContentHash));
        command.Add("$run", failure.RunId);
        command.Add("$worker", failure.WorkerId);
        command.Add("$error", failure.Error);
        command.Add("$kind", failure.ErrorKind);
        command.Add("$duration", failure.DurationMs);
        command.Add("$prompt", failure.PromptTokens);
        command.Add("$completion", failure.CompletionTokens);
        command.Add("$cost", TrackingRows.Nanos(failure.CostUsd));
        return command.ExecuteNonQuery();
    }

    public static int Release(SqliteConnection connection, SqliteTransaction transaction, string mode, string topicPath, string runId)
    {
        using var command = SqliteValues.Command(
            connection,
            transaction,
            "UPDATE topics SET status = 'pending', lease_until = NULL WHERE topic_path = $path AND mode = $mode AND status = 'started' AND run_id = $run;");
        command.Add("$path", topicPath);
        command.Add("$mode", mode);
        command.Add("$run", runId);
        return command.ExecuteNonQuery();
    }

    /// <summary>Attempts are kept (they are history); rows already clean and pending do not count as changed.</summary>
    public static int Reset(SqliteConnection connection, SqliteTransaction transaction, string? mode, string topicPath)
    {
        using var command = SqliteValues.Command(
            connection,
            transaction,
            """
            UPDATE topics SET status = 'pending', last_error = NULL, error_kind = NULL, lease_until = NULL
            WHERE topic_path = $path AND ($mode IS NULL OR mode = $mode) AND (status <> 'pending' OR last_error IS NOT NULL);
            """);
        command.Add("$path", topicPath);
        command.Add("$mode", SqliteValues.OrNull(mode));
        return command.ExecuteNonQuery();
    }

    public static int Heartbeat(SqliteConnection connection, SqliteTransaction transaction, string workerId, IReadOnlyCollection<string> topicPaths, DateTimeOffset leaseUntil)
    {
        using var command = SqliteValues.Command(
            connection,
            transaction,
            "UPDATE topics SET lease_until = $lease WHERE status = 'started' AND worker_id = $worker AND topic_path IN (SELECT value FROM json_each($paths));");
        command.Add("$lease", SqliteValues.Time(leaseUntil));
        command.Add("$worker", workerId);
        command.Add("$paths", "[" + string.Join(',', topicPaths.Select(p => "\"" + System.Text.Json.JsonEncodedText.Encode(p) + "\"")) + "]");
        return command.ExecuteNonQuery();
    }

    public static int RecordAttempt(SqliteConnection connection, SqliteTransaction transaction, AttemptRecord attempt)
    {
        var command = SqliteValues.Prepared(connection, transaction, AttemptSql);
        command.Add("$path", attempt.TopicPath);
        command.Add("$mode", OutputKinds.NameOf(attempt.Mode));
        command.Add("$run", attempt.RunId);
        command.Add("$stage", attempt.Stage);
        command.Add("$status", SqliteValues.OrNull(attempt.StatusCode));
        command.Add("$error", SqliteValues.OrNull(attempt.Error));
        command.Add("$prompt", attempt.PromptTokens);
        command.Add("$completion", attempt.CompletionTokens);
        command.Add("$cost", TrackingRows.Nanos(attempt.CostUsd));
        command.Add("$latency", attempt.LatencyMs);
        command.Add("$at", SqliteValues.Time(attempt.At));
        command.Add("$request", SqliteValues.OrNull(attempt.Request));
        command.Add("$raw", SqliteValues.OrNull(attempt.RawAnswer));
        return command.ExecuteNonQuery();
    }

    public static int Restamp(SqliteConnection connection, SqliteTransaction transaction, string mode, string topicPath, string contentHash, TopicFileStamp stamp)
    {
        using var command = SqliteValues.Command(connection, transaction, RestampSql);
        command.Add("$path", topicPath);
        command.Add("$mode", mode);
        command.Add("$hash", contentHash);
        AddStamp(command, stamp);
        return command.ExecuteNonQuery();
    }

    public static int Clear(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = SqliteValues.Command(connection, transaction, "DELETE FROM attempts; DELETE FROM topics;");
        return command.ExecuteNonQuery();
    }

    private static int Finish(SqliteConnection connection, SqliteTransaction transaction, string sql, TopicCompletion completion)
    {
        var command = SqliteValues.Prepared(connection, transaction, sql);
        command.Add("$path", completion.TopicPath);
        command.Add("$mode", OutputKinds.NameOf(completion.Mode));
        command.Add("$hash", completion.ContentHash);
        command.Add("$run", completion.RunId);
        command.Add("$worker", completion.WorkerId);
        command.Add("$output", completion.OutputPath);
        command.Add("$at", SqliteValues.Time(completion.CompletedAt));
        command.Add("$duration", completion.DurationMs);
        command.Add("$prompt", completion.PromptTokens);
        command.Add("$completion", completion.CompletionTokens);
        command.Add("$cost", TrackingRows.Nanos(completion.CostUsd));
        AddStamp(command, completion.TopicStamp);
        return command.ExecuteNonQuery();
    }

    private static void AddStamp(SqliteCommand command, TopicFileStamp? stamp)
    {
        command.Add("$size", SqliteValues.OrNull(stamp?.Length));
        command.Add("$mtime", SqliteValues.OrNull(stamp?.ModifiedTicks));
    }
}
