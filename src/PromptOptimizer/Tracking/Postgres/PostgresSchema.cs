using Npgsql;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>The PostgreSQL schema and its migrations, applied under an advisory lock so that workers starting together do not race.</summary>
internal static class PostgresSchema
{
    /// <summary>The version this build writes; a database with a higher one is refused, lower ones are migrated.</summary>
    public const int CurrentVersion = 5;

    // Any fixed number: every process of this program takes the same transaction-scoped lock around migration.
    private const long MigrationLockKey = 0x50_4F_53_43_48_45_4D_41; // "POSCHEMA"

    // Index i upgrades version i to version i + 1. Append, never edit, once released.
    // 2: the topic file's stamp (size, write time in ticks) beside its hash, read by the planner.
    // Paths and times use the "C" collation: byte order, so ORDER BY matches ordinal order and time text sorts like time.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE topics (
            topic_path        text COLLATE "C" NOT NULL,
            mode              text    NOT NULL CHECK (mode IN ('flashcards', 'prompts', 'unified')),
            status            text    NOT NULL CHECK (status IN ('pending', 'started', 'completed', 'failed')),
            attempts          integer NOT NULL DEFAULT 0,
            last_error        text,
            error_kind        text,
            content_hash      text,
            output_path       text,
            run_id            text,
            worker_id         text,
            lease_until       text COLLATE "C",
            started_at        text COLLATE "C",
            completed_at      text COLLATE "C",
            duration_ms       bigint,
            prompt_tokens     bigint  NOT NULL DEFAULT 0,
            completion_tokens bigint  NOT NULL DEFAULT 0,
            cost_nano_usd     bigint  NOT NULL DEFAULT 0,
            result_json       jsonb,
            PRIMARY KEY (topic_path, mode)
        );
        CREATE INDEX ix_topics_mode_status ON topics (mode, status);
        CREATE INDEX ix_topics_worker ON topics (worker_id, status);
        CREATE TABLE attempts (
            id                bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            topic_path        text COLLATE "C" NOT NULL,
            mode              text    NOT NULL CHECK (mode IN ('flashcards', 'prompts', 'unified')),
            run_id            text    NOT NULL,
            stage             text    NOT NULL,
            status_code       integer,
            error             text,
            prompt_tokens     bigint  NOT NULL DEFAULT 0,
            completion_tokens bigint  NOT NULL DEFAULT 0,
            cost_nano_usd     bigint  NOT NULL DEFAULT 0,
            latency_ms        bigint  NOT NULL DEFAULT 0,
            at                text COLLATE "C" NOT NULL,
            request           text,
            raw_answer        text
        );
        CREATE INDEX ix_attempts_topic ON attempts (topic_path, mode, id);
        CREATE TABLE topic_sources (
            topic_path        text COLLATE "C" NOT NULL,
            mode              text    NOT NULL CHECK (mode IN ('flashcards', 'prompts', 'unified')),
            variant           text    NOT NULL,
            content_hash      text    NOT NULL,
            content           bytea   NOT NULL,
            enqueued_at       text COLLATE "C" NOT NULL,
            PRIMARY KEY (topic_path, mode)
        );
        CREATE TABLE workers (
            id                text    PRIMARY KEY,
            host              text    NOT NULL,
            pid               integer NOT NULL,
            started_at        text COLLATE "C" NOT NULL,
            last_heartbeat    text COLLATE "C" NOT NULL,
            in_flight         integer NOT NULL DEFAULT 0
        );
        CREATE TABLE rate_limits (
            name              text    PRIMARY KEY,
            grants            timestamptz[] NOT NULL DEFAULT '{}'
        );
        CREATE FUNCTION po_rate_acquire(p_name text, p_limit integer, p_window_us bigint, p_count integer)
        RETURNS TABLE (granted boolean, granted_at timestamptz, retry_after_us bigint)
        LANGUAGE plpgsql AS $fn$
        DECLARE
            g   timestamptz[];
            t   timestamptz;
            w   interval := p_window_us * interval '1 microsecond';
            idx integer;
        BEGIN
            INSERT INTO rate_limits (name) VALUES (p_name) ON CONFLICT (name) DO NOTHING;
            SELECT r.grants INTO g FROM rate_limits r WHERE r.name = p_name FOR UPDATE;
            -- Read the clock only once the row is locked: grant times then increase in commit order.
            t := clock_timestamp();
            idx := cardinality(g) - p_limit + p_count;
            IF idx >= 1 AND t - g[idx] < w THEN
                RETURN QUERY SELECT false, t, greatest(1, ceil(extract(epoch FROM (g[idx] + w - t)) * 1000000))::bigint;
                RETURN;
            END IF;
            g := g || array_fill(t, ARRAY[p_count]);
            IF cardinality(g) > p_limit THEN
                g := g[cardinality(g) - p_limit + 1 : cardinality(g)];
            END IF;
            UPDATE rate_limits SET grants = g WHERE name = p_name;
            RETURN QUERY SELECT true, t, 0::bigint;
        END
        $fn$;
        """,
        """
        ALTER TABLE topics ADD COLUMN topic_size bigint, ADD COLUMN topic_mtime bigint;
        """,
        // 3: grants also spaced at least p_spacing_us apart. A window's permits granted all at once reach the provider
        // as a burst whose arrival times spread with the senders' scheduling; one late arrival then shares a provider
        // second with the next window's burst. Evenly spaced grants leave every request its own slot. The old overload
        // goes: nothing calls it, and a program that would is refused by the version check.
        """
        DROP FUNCTION po_rate_acquire(text, integer, bigint, integer);
        CREATE FUNCTION po_rate_acquire(p_name text, p_limit integer, p_window_us bigint, p_count integer, p_spacing_us bigint)
        RETURNS TABLE (granted boolean, granted_at timestamptz, retry_after_us bigint)
        LANGUAGE plpgsql AS $fn$
        DECLARE
            g    timestamptz[];
            t    timestamptz;
            w    interval := p_window_us * interval '1 microsecond';
            s    interval := p_spacing_us * interval '1 microsecond';
            idx  integer;
            wait interval := interval '0';
        BEGIN
            INSERT INTO rate_limits (name) VALUES (p_name) ON CONFLICT (name) DO NOTHING;
            SELECT r.grants INTO g FROM rate_limits r WHERE r.name = p_name FOR UPDATE;
            -- Read the clock only once the row is locked: grant times then increase in commit order.
            t := clock_timestamp();
            idx := cardinality(g) - p_limit + p_count;
            IF idx >= 1 AND t - g[idx] < w THEN
                wait := g[idx] + w - t;
            END IF;
            IF cardinality(g) >= 1 AND t - g[cardinality(g)] < s THEN
                wait := greatest(wait, g[cardinality(g)] + s - t);
            END IF;
            IF wait > interval '0' THEN
                RETURN QUERY SELECT false, t, greatest(1, ceil(extract(epoch FROM wait) * 1000000))::bigint;
                RETURN;
            END IF;
            g := g || array_fill(t, ARRAY[p_count]);
            IF cardinality(g) > p_limit THEN
                g := g[cardinality(g) - p_limit + 1 : cardinality(g)];
            END IF;
            UPDATE rate_limits SET grants = g WHERE name = p_name;
            RETURN QUERY SELECT true, t, 0::bigint;
        END
        $fn$;
        """,
        // 4: the review page's decision per card, with the topic's content hash as reviewed (a changed hash makes it
        // stale), and an index on completion time for the runs page's per-minute charts.
        """
        CREATE TABLE card_reviews (
            topic_path        text COLLATE "C" NOT NULL,
            mode              text    NOT NULL CHECK (mode IN ('flashcards', 'prompts', 'unified')),
            card_id           text COLLATE "C" NOT NULL,
            content_hash      text    NOT NULL,
            decision          text    NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            front             text,
            back              text,
            reviewed_at       text COLLATE "C" NOT NULL,
            PRIMARY KEY (topic_path, mode, card_id)
        );
        CREATE INDEX ix_topics_completed_at ON topics (completed_at) WHERE status = 'completed';
        """,
        // 5: provider batches (--batch-api): the intent, then the provider's id, and which batch holds each custom_id.
        // custom_id is the primary key, so two workers can never both record (and so submit) one request.
        """
        CREATE TABLE provider_batches (
            label                   text    NOT NULL PRIMARY KEY,
            batch_id                text,
            model                   text    NOT NULL,
            status                  text    NOT NULL,
            requests                integer NOT NULL,
            completed               integer NOT NULL DEFAULT 0,
            failed                  integer NOT NULL DEFAULT 0,
            estimated_cost_nano_usd bigint  NOT NULL DEFAULT 0,
            created_at              text COLLATE "C" NOT NULL,
            updated_at              text COLLATE "C" NOT NULL
        );
        CREATE INDEX ix_provider_batches_status ON provider_batches (status);
        CREATE TABLE batch_requests (
            custom_id text NOT NULL PRIMARY KEY,
            label     text NOT NULL
        );
        CREATE INDEX ix_batch_requests_label ON batch_requests (label);
        """,
    ];

    /// <summary>Creates or migrates the schema in one transaction; refuses a database holding someone else's <c>topics</c> or a newer version.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string description, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            lockCommand.AddBigint("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var version = await ReadVersionAsync(connection, transaction, description, cancellationToken).ConfigureAwait(false);
        if (version > CurrentVersion)
        {
            throw new CompletionStoreException(
                $"The completion database {description} has schema version {version}, newer than this program understands ({CurrentVersion}). Upgrade the program.");
        }

        if (version == CurrentVersion)
        {
            return;
        }

        if (version == 0)
        {
            await ExecuteAsync(connection, transaction, "CREATE TABLE schema_version (version integer NOT NULL); INSERT INTO schema_version (version) VALUES (0);", cancellationToken).ConfigureAwait(false);
        }

        for (var v = version; v < CurrentVersion; v++)
        {
            await ExecuteAsync(connection, transaction, Migrations[v], cancellationToken).ConfigureAwait(false);
        }

        await using (var update = new NpgsqlCommand("UPDATE schema_version SET version = @v;", connection, transaction))
        {
            update.AddInteger("v", CurrentVersion);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string description, CancellationToken cancellationToken)
    {
        bool hasVersionTable;
        bool hasTopics;
        await using (var probe = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL, to_regclass('topics') IS NOT NULL;", connection, transaction))
        await using (var reader = await probe.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            hasVersionTable = reader.GetBoolean(0);
            hasTopics = reader.GetBoolean(1);
        }

        if (!hasVersionTable)
        {
            if (hasTopics)
            {
                throw new CompletionStoreException(
                    $"The database {description} has a 'topics' table but no schema_version: it is not a valid completion database. Use an empty database or schema.");
            }

            return 0;
        }

        await using var read = new NpgsqlCommand("SELECT max(version) FROM schema_version;", connection, transaction);
        var value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is int v ? v : 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
