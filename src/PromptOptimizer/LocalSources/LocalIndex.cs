using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// The index of one library folder: a SQLite file holding every file's stamp and hash and every passage, with an FTS5
/// table (Porter stemming) ranked by <c>bm25()</c>, titles weighted twice. Searches may run concurrently (each takes an
/// idle prepared statement with its own read connection, kept for the life of the index); updates come from the single
/// indexer.
/// </summary>
internal sealed class LocalIndex
{
    private const string Schema =
        """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS files (
            path     TEXT    PRIMARY KEY,
            size     INTEGER NOT NULL,
            mtime    INTEGER NOT NULL,
            hash     TEXT    NOT NULL,
            skipped  TEXT
        );
        CREATE TABLE IF NOT EXISTS passages (
            id     INTEGER PRIMARY KEY,
            path   TEXT NOT NULL,
            anchor TEXT NOT NULL,
            title  TEXT NOT NULL,
            hash   TEXT NOT NULL,
            body   TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_passages_path ON passages (path);
        CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5 (
            title, body, content = 'passages', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
            INSERT INTO passages_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
            INSERT INTO passages_fts (passages_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        END;
        """;

    // Ranked inside FTS5 first (ORDER BY rank lets it sort only rowids and scores), so the passage rows are read, and
    // highlight() run, for the few hits returned rather than for every passage sharing a word with the query.
    private const string SearchSql =
        """
        SELECT p.path, p.anchor, p.title, p.body, p.hash, top.rank, top.marked
        FROM (
            SELECT rowid AS id, rank, highlight(passages_fts, 0, char(1), char(2)) || ' ' || highlight(passages_fts, 1, char(1), char(2)) AS marked
            FROM passages_fts
            WHERE passages_fts MATCH $query AND rank MATCH 'bm25(2.0, 1.0)'
            ORDER BY rank
            LIMIT $limit
        ) AS top JOIN passages p ON p.id = top.id
        ORDER BY top.rank
        """;

    private readonly string _connectionString;

    // Searches run one statement each, concurrently when research does: an idle statement is taken, or one prepared.
    private readonly ConcurrentBag<SqliteCommand> _searches = [];

    private LocalIndex(string databasePath)
    {
        DatabasePath = databasePath;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>The index file of <paramref name="libraryRoot"/> inside the state directory: one per library folder.</summary>
    public static string PathFor(string stateDir, string libraryRoot)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(libraryRoot));
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var name = new string(Path.GetFileName(full).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        return Path.Combine(Path.GetFullPath(stateDir), "local_sources", $"{(name.Length == 0 ? "library" : name)}-{key}.db");
    }

    /// <summary>Opens (creating when new) the index at <paramref name="databasePath"/>.</summary>
    public static async Task<LocalIndex> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var index = new LocalIndex(databasePath);
        var connection = await index.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, Schema, cancellationToken).ConfigureAwait(false);
        }

        return index;
    }

    /// <summary>Every file the index knows, by relative path.</summary>
    public async Task<Dictionary<string, IndexedFile>> FilesAsync(CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, IndexedFile>(StringComparer.Ordinal);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT path, size, mtime, hash, skipped FROM files");
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var file = new IndexedFile(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
                        files[file.Path] = file;
                    }
                }
            }
        }

        return files;
    }

    /// <summary>
    /// Replaces what the index holds for these files (their passages and record; null passages: the content is
    /// unchanged, only the record's stamp is new) and drops the removed ones, in one transaction.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<(IndexedFile File, IReadOnlyList<LocalPassage>? Passages)> changed, IReadOnlyCollection<string> removed, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var path in removed.Concat(changed.Where(c => c.Passages is not null).Select(c => c.File.Path)))
                {
                    await ExecuteAsync(connection, transaction, "DELETE FROM passages WHERE path = $path", cancellationToken, ("$path", path)).ConfigureAwait(false);
                    await ExecuteAsync(connection, transaction, "DELETE FROM files WHERE path = $path", cancellationToken, ("$path", path)).ConfigureAwait(false);
                }

                foreach (var (file, passages) in changed)
                {
                    await ExecuteAsync(connection, transaction, "INSERT OR REPLACE INTO files (path, size, mtime, hash, skipped) VALUES ($path, $size, $mtime, $hash, $skipped)", cancellationToken,
                        ("$path", file.Path), ("$size", file.Length), ("$mtime", file.ModifiedTicks), ("$hash", file.Hash), ("$skipped", (object?)file.SkipReason ?? DBNull.Value)).ConfigureAwait(false);
                    if (passages is null)
                    {
                        continue;
                    }

                    var insert = Command(connection, transaction, "INSERT INTO passages (path, anchor, title, hash, body) VALUES ($path, $anchor, $title, $hash, $body)");
                    await using (insert.ConfigureAwait(false))
                    {
                        foreach (var passage in passages)
                        {
                            insert.Parameters.Clear();
                            insert.Parameters.AddWithValue("$path", passage.File);
                            insert.Parameters.AddWithValue("$anchor", passage.Anchor);
                            insert.Parameters.AddWithValue("$title", passage.Title);
                            insert.Parameters.AddWithValue("$hash", passage.Hash);
                            insert.Parameters.AddWithValue("$body", passage.Text);
                            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The number of indexed passages.</summary>
    public async Task<long> PassageCountAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT count(*) FROM passages");
            await using (command.ConfigureAwait(false))
            {
                return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
        }
    }

    /// <summary>
    /// The best <paramref name="limit"/> passages for <paramref name="query"/>, best first. Any word of the query may
    /// match (stop words left out); <c>bm25()</c> rewards passages with more, and rarer, query words.
    /// </summary>
    /// <remarks>
    /// Synchronous on purpose: the topic loader asks for a topic's sources while it loads the topic, and SQLite's
    /// asynchronous methods would run synchronously anyway.
    /// </remarks>
    public IReadOnlyList<ScoredPassage> Search(string query, int limit)
    {
        var words = FtsQuery.Words(query);
        if (words.Count == 0)
        {
            return [];
        }

        var hits = new List<ScoredPassage>(limit);
        var command = _searches.TryTake(out var idle) ? idle : PrepareSearch();
        try
        {
            command.Parameters["$query"].Value = FtsQuery.From(query);
            command.Parameters["$limit"].Value = limit;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var passage = new LocalPassage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
                hits.Add(new ScoredPassage(passage, -reader.GetDouble(5), MatchedTerms(reader.GetString(6)), words.Count));
            }
        }
        finally
        {
            _searches.Add(command);
        }

        return hits;
    }

    /// <summary>A search statement, prepared once on a read connection of its own, kept for the next search.</summary>
    private SqliteCommand PrepareSearch()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var command = Command(connection, null, SearchSql);
        command.Parameters.Add("$query", SqliteType.Text);
        command.Parameters.Add("$limit", SqliteType.Integer);
        command.Prepare();
        return command;
    }

    /// <summary>The distinct rough stems among the words highlight() marked (between \u0001 and \u0002).</summary>
    private static int MatchedTerms(string highlighted)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        for (var start = highlighted.IndexOf('\u0001'); start >= 0; start = highlighted.IndexOf('\u0001', start + 1))
        {
            var end = highlighted.IndexOf('\u0002', start);
            if (end < 0)
            {
                break;
            }

            stems.Add(FtsQuery.RoughStem(highlighted[(start + 1)..end]));
        }

        return stems.Count;
    }

    /// <summary>The index file's size in bytes, WAL included.</summary>
    public long SizeBytes() =>
        new[] { DatabasePath, DatabasePath + "-wal" }.Select(p => new FileInfo(p)).Where(f => f.Exists).Sum(f => f.Length);

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA busy_timeout = 5000;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var command = Command(connection, transaction, sql);
        await using (command.ConfigureAwait(false))
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
