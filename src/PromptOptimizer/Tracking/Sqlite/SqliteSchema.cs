using Microsoft.Data.Sqlite;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>The SQLite schema, its versions and the checks that refuse a file that is not ours.</summary>
internal static class SqliteSchema
{
    /// <summary>The version this build writes; a database with a higher one is refused, lower ones are migrated.</summary>
    public const int CurrentVersion = 4;

    // Index i upgrades version i to version i + 1. Append, never edit, once released.
    // 2: the topic file's stamp (size, write time in ticks) beside its hash, read by the planner; result_json emptied,
    //    as it is no longer kept locally (its copies sat between every row's columns and the stamp).
    // 3: the review page's decision per card, with the topic's content hash as reviewed (a changed hash makes it stale),
    //    and an index on completion time for the runs page's per-minute charts.
    // 4: provider batches (--batch-api): the intent, then the provider's id, and which batch holds each custom_id.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE topics (
            topic_path        TEXT    NOT NULL,
            mode              TEXT    NOT NULL CHECK (mode IN ('flashcards', 'prompts', 'unified')),
            status            TEXT    NOT NULL CHECK (status IN ('pending', 'started', 'completed', 'failed')),
            attempts          INTEGER NOT NULL DEFAULT 0,
            last_error        TEXT,
            error_kind        TEXT,
            content_hash      TEXT,
            output_path       TEXT,
            run_id            TEXT,
            worker_id         TEXT,
            lease_until       TEXT,
            started_at        TEXT,
            completed_at      TEXT,
            duration_ms       INTEGER,
            prompt_tokens     INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            cost_nano_usd     INTEGER NOT NULL DEFAULT 0,
            result_json       TEXT,
            PRIMARY KEY (topic_path, mode)
        );
        CREATE INDEX ix_topics_mode_status ON topics (mode, status);
        CREATE TABLE attempts (
            id                INTEGER PRIMARY KEY,
            topic_path        TEXT    NOT NULL,
            mode              TEXT    NOT NULL CHECK (mode IN ('flashcards', 'prompts', 'unified')),
            run_id            TEXT    NOT NULL,
            stage             TEXT    NOT NULL,
            status_code       INTEGER,
            error             TEXT,
            prompt_tokens     INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            cost_nano_usd     INTEGER NOT NULL DEFAULT 0,
            latency_ms        INTEGER NOT NULL DEFAULT 0,
            at                TEXT    NOT NULL,
            request           TEXT,
            raw_answer        TEXT
        );
        CREATE INDEX ix_attempts_topic ON attempts (topic_path, mode);
        """,
        """
        ALTER TABLE topics ADD COLUMN topic_size INTEGER;
        ALTER TABLE topics ADD COLUMN topic_mtime INTEGER;
        UPDATE topics SET result_json = NULL WHERE result_json IS NOT NULL;
        """,
        """
        CREATE TABLE card_reviews (
            topic_path        TEXT    NOT NULL,
            mode              TEXT    NOT NULL CHECK (mode IN ('flashcards', 'prompts', 'unified')),
            card_id           TEXT    NOT NULL,
            content_hash      TEXT    NOT NULL,
            decision          TEXT    NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            front             TEXT,
            back              TEXT,
            reviewed_at       TEXT    NOT NULL,
            PRIMARY KEY (topic_path, mode, card_id)
        );
        CREATE INDEX ix_topics_completed_at ON topics (completed_at) WHERE status = 'completed';
        """,
        """
        CREATE TABLE provider_batches (
            label                   TEXT    NOT NULL PRIMARY KEY,
            batch_id                TEXT,
            model                   TEXT    NOT NULL,
            status                  TEXT    NOT NULL,
            requests                INTEGER NOT NULL,
            completed               INTEGER NOT NULL DEFAULT 0,
            failed                  INTEGER NOT NULL DEFAULT 0,
            estimated_cost_nano_usd INTEGER NOT NULL DEFAULT 0,
            created_at              TEXT    NOT NULL,
            updated_at              TEXT    NOT NULL
        );
        CREATE INDEX ix_provider_batches_status ON provider_batches (status);
        CREATE TABLE batch_requests (
            custom_id TEXT NOT NULL PRIMARY KEY,
            label     TEXT NOT NULL
        );
        CREATE INDEX ix_batch_requests_label ON batch_requests (label);
        """,
    ];

    /// <summary>Per-connection settings; journal_mode=WAL is persistent but cheap to repeat.</summary>
    public const string ConnectionPragmas = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";

    /// <summary>Creates or migrates the schema inside one immediate transaction; refuses foreign or newer files.</summary>
    public static void Migrate(SqliteConnection connection, string databasePath)
    {
        using (var wal = SqliteValues.Command(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"))
        {
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction, databasePath);
        if (version > CurrentVersion)
        {
            throw new CompletionStoreException(
                databasePath,
                $"The completion database '{databasePath}' has schema version {version}, newer than this program understands ({CurrentVersion}). Upgrade the program.",
                null);
        }

        if (version == CurrentVersion)
        {
            return;
        }

        if (version == 0)
        {
            using var create = SqliteValues.Command(connection, transaction, "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (0);");
            create.ExecuteNonQuery();
        }

        for (var v = version; v < CurrentVersion; v++)
        {
            using var step = SqliteValues.Command(connection, transaction, Migrations[v]);
            step.ExecuteNonQuery();
        }

        using (var update = SqliteValues.Command(connection, transaction, "UPDATE schema_version SET version = $v;"))
        {
            update.Add("$v", CurrentVersion);
            update.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>0 for an empty database; throws when the file holds tables that are not a completion database.</summary>
    private static int ReadVersion(SqliteConnection connection, SqliteTransaction transaction, string databasePath)
    {
        using var tables = SqliteValues.Command(
            connection,
            transaction,
            "SELECT count(*), sum(name = 'schema_version') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\';");
        using (var reader = tables.ExecuteReader())
        {
            reader.Read();
            var count = reader.GetInt64(0);
            var hasVersion = !reader.IsDBNull(1) && reader.GetInt64(1) > 0;
            if (count == 0)
            {
                return 0;
            }

            if (!hasVersion)
            {
                throw NotOurs(databasePath, "it has tables but no schema_version table (was it made by another tool?)", null);
            }
        }

        using var read = SqliteValues.Command(connection, transaction, "SELECT version FROM schema_version;");
        var value = read.ExecuteScalar();
        return value is long version and >= 0 and <= int.MaxValue
            ? (int)version
            : throw NotOurs(databasePath, "its schema_version table holds no valid version", null);
    }

    public static CompletionStoreException NotOurs(string databasePath, string reason, Exception? inner) =>
        new(databasePath, $"'{databasePath}' is not a valid completion database: {reason}. The file was left untouched.", inner);
}
