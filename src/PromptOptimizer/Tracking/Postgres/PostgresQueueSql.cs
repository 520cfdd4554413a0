namespace PromptOptimizer.Tracking.Postgres;

/// <summary>The SQL of the work queue; like the store's, each operation is one atomic statement.</summary>
internal static class PostgresQueueSql
{
    // Data-modifying CTEs all run, referenced or not, and all see the snapshot from before the statement: "prior"
    // is therefore the state the counts describe. Content is rewritten only when it changed.
    public const string Enqueue = """
        WITH input AS (
            SELECT * FROM unnest(@paths::text[], @hashes::text[], @contents::bytea[]) AS i(topic_path, content_hash, content)
        ),
        prior AS (
            SELECT i.content_hash AS new_hash, t.status, t.content_hash AS old_hash
            FROM input i LEFT JOIN topics t ON t.topic_path = i.topic_path AND t.mode = @mode
        ),
        sources AS (
            INSERT INTO topic_sources AS s (topic_path, mode, variant, content_hash, content, enqueued_at)
            SELECT topic_path, @mode, @variant, content_hash, content, @now FROM input
            ON CONFLICT (topic_path, mode) DO UPDATE SET
                variant = excluded.variant, content_hash = excluded.content_hash, content = excluded.content,
                enqueued_at = excluded.enqueued_at
            WHERE s.content_hash IS DISTINCT FROM excluded.content_hash OR s.variant IS DISTINCT FROM excluded.variant
            RETURNING 1
        ),
        queued AS (
            INSERT INTO topics AS t (topic_path, mode, status, content_hash)
            SELECT topic_path, @mode, 'pending', content_hash FROM input
            ON CONFLICT (topic_path, mode) DO UPDATE SET
                status = 'pending', content_hash = excluded.content_hash, last_error = NULL, error_kind = NULL,
                lease_until = NULL, completed_at = NULL
            WHERE t.content_hash IS DISTINCT FROM excluded.content_hash OR t.status = 'failed'
            RETURNING 1
        )
        SELECT count(*) FILTER (WHERE status IS NULL)::integer,
               count(*) FILTER (WHERE status IS NOT NULL AND old_hash IS DISTINCT FROM new_hash)::integer,
               count(*) FILTER (WHERE status = 'failed' AND old_hash IS NOT DISTINCT FROM new_hash)::integer,
               count(*)::integer
        FROM prior;
        """;

    // SKIP LOCKED lets concurrent claimers pass over each other's rows instead of waiting; a row another worker
    // took and committed in the meantime is re-checked against the WHERE (READ COMMITTED) and dropped.
    // Started rows without a lease belong to a local run and are never taken by the queue.
    public const string ClaimBatch = $"""
        WITH picked AS (
            SELECT t.topic_path, t.mode FROM topics t
            JOIN topic_sources src ON src.topic_path = t.topic_path AND src.mode = t.mode
            WHERE (@mode::text IS NULL OR t.mode = @mode)
              AND (t.status = 'pending' OR (t.status = 'started' AND t.lease_until IS NOT NULL AND t.lease_until <= {PostgresTopicSql.DatabaseNow}))
            ORDER BY t.topic_path, t.mode
            LIMIT @max
            FOR UPDATE OF t SKIP LOCKED
        )
        UPDATE topics AS t SET
            status = 'started', attempts = t.attempts + 1, run_id = @run, worker_id = @worker, lease_until = {PostgresTopicSql.DatabaseLeaseEnd},
            started_at = @now, completed_at = NULL, duration_ms = NULL, content_hash = s.content_hash
        FROM picked JOIN topic_sources s ON s.topic_path = picked.topic_path AND s.mode = picked.mode
        WHERE t.topic_path = picked.topic_path AND t.mode = picked.mode
        RETURNING t.mode, s.variant, t.topic_path, s.content_hash, s.content, t.lease_until;
        """;

    public const string ReleaseAll = """
        WITH released AS (
            UPDATE topics SET status = 'pending', lease_until = NULL WHERE worker_id = @worker AND status = 'started' RETURNING 1
        ),
        worker AS (
            UPDATE workers SET in_flight = 0, last_heartbeat = @now WHERE id = @worker RETURNING 1
        )
        SELECT count(*)::integer FROM released;
        """;

    public const string RegisterWorker = """
        INSERT INTO workers (id, host, pid, started_at, last_heartbeat, in_flight)
        VALUES (@id, @host, @pid, @now, @now, 0)
        ON CONFLICT (id) DO UPDATE SET
            host = excluded.host, pid = excluded.pid, started_at = excluded.started_at,
            last_heartbeat = excluded.last_heartbeat, in_flight = 0;
        """;

    public const string ListWorkers = """
        SELECT w.id, w.host, w.pid, w.started_at, w.last_heartbeat,
               (SELECT count(*) FROM topics t WHERE t.worker_id = w.id AND t.status = 'started')::integer,
               (SELECT count(*) FROM topics t WHERE t.worker_id = w.id AND t.status = 'completed')::bigint,
               (SELECT count(*) FROM topics t WHERE t.worker_id = w.id AND t.status = 'completed' AND t.completed_at >= @since)::bigint
        FROM workers w ORDER BY w.id;
        """;

    public const string Results = """
        SELECT mode, topic_path, output_path, result_json::text FROM topics
        WHERE status = 'completed' AND result_json IS NOT NULL AND (@mode::text IS NULL OR mode = @mode)
        ORDER BY mode, topic_path;
        """;
}
