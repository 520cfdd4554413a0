namespace PromptOptimizer.Tracking.Postgres;

/// <summary>
/// The SQL of the completion store. Each write is one statement, atomic on its own: PostgreSQL's row locks serialize
/// competing writers, so no client-side lock or queue is needed. Leases are on the database's clock (<see cref="DatabaseNow"/>),
/// so a worker whose clock runs ahead cannot take a live lease; every other "now" is a parameter from the TimeProvider.
/// </summary>
internal static class PostgresTopicSql
{
    /// <summary>The database's clock as stored time text (the format of <see cref="TrackingRows.Time(DateTimeOffset)"/>; PostgreSQL keeps microseconds).</summary>
    public const string DatabaseNow = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"0Z"')""";

    /// <summary>The end of a lease of <c>@lease</c> microseconds from the database's now, as stored time text.</summary>
    public const string DatabaseLeaseEnd = """to_char((now() + @lease::bigint * interval '1 microsecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"0Z"')""";

    public const string TopicColumns = """
        topic_path, mode, status, attempts, last_error, content_hash, output_path, run_id, started_at, completed_at,
        duration_ms, prompt_tokens, completion_tokens, cost_nano_usd, worker_id, lease_until, error_kind, topic_size, topic_mtime
        """;

    // A range on the primary key ("C" collation: byte order, and '0' is the character after '/').
    public const string CategoryStates = """
        SELECT topic_path, status, content_hash, topic_size, topic_mtime FROM topics
        WHERE mode = @mode AND topic_path >= @from AND topic_path < @to;
        """;

    // A claim by the run that already holds the row (the queue claimed it for this worker and run) confirms it:
    // no second attempt is counted and the lease is kept unless a new one is given.
    public const string Claim = $"""
        INSERT INTO topics AS t (topic_path, mode, status, attempts, content_hash, run_id, worker_id, lease_until, started_at)
        VALUES (@path, @mode, 'started', 1, @hash, @run, @worker, @lease, @started)
        ON CONFLICT (topic_path, mode) DO UPDATE SET
            status = 'started',
            attempts = CASE WHEN t.status = 'started' AND t.worker_id = excluded.worker_id AND t.run_id = excluded.run_id
                            THEN t.attempts ELSE t.attempts + 1 END,
            lease_until = CASE WHEN t.status = 'started' AND t.worker_id = excluded.worker_id AND t.run_id = excluded.run_id
                               THEN coalesce(excluded.lease_until, t.lease_until) ELSE excluded.lease_until END,
            started_at = CASE WHEN t.status = 'started' AND t.worker_id = excluded.worker_id AND t.run_id = excluded.run_id
                              THEN t.started_at ELSE excluded.started_at END,
            content_hash = excluded.content_hash, run_id = excluded.run_id, worker_id = excluded.worker_id,
            completed_at = NULL, duration_ms = NULL
        WHERE NOT (t.status = 'completed' AND t.content_hash IS NOT DISTINCT FROM excluded.content_hash)
          AND NOT (t.status = 'started' AND t.worker_id IS DISTINCT FROM excluded.worker_id
                   AND t.lease_until IS NOT NULL AND t.lease_until > {DatabaseNow});
        """;

    public const string Complete = """
        UPDATE topics SET
            status = 'completed', content_hash = @hash, output_path = @output, completed_at = @at, duration_ms = @duration,
            prompt_tokens = prompt_tokens + @prompt, completion_tokens = completion_tokens + @completion,
            cost_nano_usd = cost_nano_usd + @cost, result_json = CAST(@result AS jsonb), last_error = NULL, error_kind = NULL,
            lease_until = NULL, topic_size = @size, topic_mtime = @mtime
        WHERE topic_path = @path AND mode = @mode AND status = 'started' AND run_id = @run AND worker_id = @worker;
        """;

    public const string Adopt = """
        INSERT INTO topics AS t (topic_path, mode, status, attempts, content_hash, output_path, run_id, worker_id, completed_at,
                                 duration_ms, prompt_tokens, completion_tokens, cost_nano_usd, result_json, topic_size, topic_mtime)
        VALUES (@path, @mode, 'completed', 0, @hash, @output, @run, @worker, @at, @duration, @prompt, @completion, @cost, CAST(@result AS jsonb),
                @size, @mtime)
        ON CONFLICT (topic_path, mode) DO UPDATE SET
            status = 'completed', content_hash = excluded.content_hash, output_path = excluded.output_path,
            run_id = excluded.run_id, worker_id = excluded.worker_id, completed_at = excluded.completed_at,
            duration_ms = excluded.duration_ms, prompt_tokens = t.prompt_tokens + excluded.prompt_tokens,
            completion_tokens = t.completion_tokens + excluded.completion_tokens,
            cost_nano_usd = t.cost_nano_usd + excluded.cost_nano_usd, result_json = excluded.result_json,
            last_error = NULL, error_kind = NULL, lease_until = NULL, topic_size = excluded.topic_size, topic_mtime = excluded.topic_mtime;
        """;

    // Only while the row still says completed for that content: a stamp must never vouch for another version.
    public const string Restamp = """
        UPDATE topics SET topic_size = @size, topic_mtime = @mtime
        WHERE topic_path = @path AND mode = @mode AND status = 'completed' AND content_hash = @hash;
        """;

    public const string Fail = """
        UPDATE topics SET
            status = 'failed', last_error = @error, error_kind = @kind, content_hash = coalesce(@hash, content_hash),
            duration_ms = @duration, prompt_tokens = prompt_tokens + @prompt, completion_tokens = completion_tokens + @completion,
            cost_nano_usd = cost_nano_usd + @cost, lease_until = NULL
        WHERE topic_path = @path AND mode = @mode AND status = 'started' AND run_id = @run AND worker_id = @worker;
        """;

    public const string Release = """
        UPDATE topics SET status = 'pending', lease_until = NULL
        WHERE topic_path = @path AND mode = @mode AND status = 'started' AND run_id = @run;
        """;

    public const string Attempt = """
        INSERT INTO attempts (topic_path, mode, run_id, stage, status_code, error, prompt_tokens, completion_tokens,
                              cost_nano_usd, latency_ms, at, request, raw_answer)
        VALUES (@path, @mode, @run, @stage, @status, @error, @prompt, @completion, @cost, @latency, @at, @request, @raw);
        """;

    // The worker's row is refreshed in the same statement, with the number of leases it still holds.
    public const string Heartbeat = $"""
        WITH extended AS (
            UPDATE topics SET lease_until = {DatabaseLeaseEnd} WHERE status = 'started' AND worker_id = @worker AND topic_path = ANY(@paths) RETURNING 1
        )
        UPDATE workers SET last_heartbeat = @now, in_flight = (SELECT count(*) FROM extended) WHERE id = @worker;
        """;

    public const string Reset = """
        UPDATE topics SET status = 'pending', last_error = NULL, error_kind = NULL, lease_until = NULL
        WHERE topic_path = @path AND (@mode::text IS NULL OR mode = @mode) AND (status <> 'pending' OR last_error IS NOT NULL);
        """;

    public const string Summarize = """
        SELECT mode,
               CASE WHEN strpos(topic_path, '/') > 0 THEN substr(topic_path, 1, strpos(topic_path, '/') - 1) ELSE '' END AS category,
               status, count(*)::integer, sum(prompt_tokens)::bigint, sum(completion_tokens)::bigint, sum(cost_nano_usd)::bigint
        FROM topics GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
        """;

    public const string Attempts = """
        SELECT topic_path, mode, run_id, stage, status_code, error, prompt_tokens, completion_tokens, cost_nano_usd,
               latency_ms, at, request, raw_answer
        FROM attempts WHERE topic_path = @path AND (@mode::text IS NULL OR mode = @mode) ORDER BY id;
        """;
}
