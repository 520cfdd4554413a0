using System.Globalization;
using Microsoft.Data.Sqlite;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Review;

/// <summary>
/// A SQLite file in the state directory that follows the output directory: one row per output file (by size and write
/// time, so only new or rewritten files are read again) and its cards with an FTS5 full-text index, so that browsing
/// and searching 100,000 cards are indexed, paged reads instead of reading every output file. It is a cache: a file of
/// another layout is rebuilt, and deleting it costs one full read of the outputs.
/// </summary>
internal sealed class CardIndex : IDisposable
{
    public const string FileName = "review_index.db";

    private const int LayoutVersion = 1;
    private static readonly OutputKind[] Modes = [OutputKind.Flashcards, OutputKind.Unified, OutputKind.Prompts];

    private readonly string _outputDir;
    private readonly OutputReader _reader;
    private readonly TimeProvider _time;
    private readonly TimeSpan _minInterval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private long _lastRefresh = long.MinValue;

    /// <param name="minInterval">Refreshes closer together than this are skipped (every request asks for one).</param>
    public CardIndex(string stateDir, string outputDir, TimeProvider time, TimeSpan minInterval)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(stateDir);
        _outputDir = Path.GetFullPath(outputDir);
        _reader = new OutputReader(_outputDir);
        _time = time;
        _minInterval = minInterval;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(stateDir, FileName), Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        if (Scalar("PRAGMA user_version;") != LayoutVersion)
        {
            Execute("""
                DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS cards; DROP TABLE IF EXISTS cards_fts;
                CREATE TABLE files (
                    mode TEXT NOT NULL, file_path TEXT NOT NULL, topic_path TEXT NOT NULL, category TEXT NOT NULL, file_name TEXT NOT NULL,
                    title TEXT NOT NULL, content_hash TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, cards INTEGER NOT NULL,
                    problem TEXT, PRIMARY KEY (mode, file_path));
                CREATE INDEX ix_files_topic ON files (mode, topic_path);
                CREATE TABLE cards (
                    id INTEGER PRIMARY KEY, mode TEXT NOT NULL, file_path TEXT NOT NULL, ord INTEGER NOT NULL, card_id TEXT NOT NULL,
                    type TEXT NOT NULL, front TEXT NOT NULL, back TEXT NOT NULL, text TEXT);
                CREATE INDEX ix_cards_file ON cards (mode, file_path, ord);
                CREATE VIRTUAL TABLE cards_fts USING fts5 (front, back, text);
                """ + string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {LayoutVersion};"));
        }
    }

    /// <summary>Reads output files that are new or changed since the last refresh and forgets removed ones; skipped when one ran within the interval.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken, bool force = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetTimestamp();
            if (!force && _lastRefresh != long.MinValue && _time.GetElapsedTime(_lastRefresh, now) < _minInterval)
            {
                return;
            }

            await RefreshLockedAsync(cancellationToken).ConfigureAwait(false);
            _lastRefresh = _time.GetTimestamp();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The products that have indexed files.</summary>
    public Task<IReadOnlyList<OutputKind>> ModesAsync(CancellationToken cancellationToken) => ReadAsync<OutputKind>(
        "SELECT DISTINCT mode FROM files ORDER BY mode;", null, r => Parse(r.GetString(0)), cancellationToken);

    /// <summary>Every indexed file of one product, by topic path.</summary>
    public Task<IReadOnlyList<IndexedTopic>> TopicsAsync(OutputKind mode, CancellationToken cancellationToken) => ReadAsync(
        $"SELECT {TopicColumns} FROM files WHERE mode = $mode ORDER BY topic_path, file_path;",
        c => c.Parameters.AddWithValue("$mode", OutputKinds.NameOf(mode)), ReadTopic, cancellationToken);

    /// <summary>The indexed file of one topic in one product, or null.</summary>
    public async Task<IndexedTopic?> TopicAsync(OutputKind mode, string topicPath, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            $"SELECT {TopicColumns} FROM files WHERE mode = $mode AND topic_path = $path ORDER BY file_path LIMIT 1;",
            c =>
            {
                c.Parameters.AddWithValue("$mode", OutputKinds.NameOf(mode));
                c.Parameters.AddWithValue("$path", topicPath);
            },
            ReadTopic,
            cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>Cards of one product whose text matches every word of <paramref name="query"/> (the last as a prefix), best first.</summary>
    public async Task<(IReadOnlyList<IndexedCard> Cards, int Total)> SearchAsync(OutputKind mode, string query, int offset, int limit, CancellationToken cancellationToken)
    {
        var match = MatchExpression(query);
        if (match.Length == 0)
        {
            return ([], 0);
        }

        void Bind(SqliteCommand c)
        {
            c.Parameters.AddWithValue("$mode", OutputKinds.NameOf(mode));
            c.Parameters.AddWithValue("$match", match);
            c.Parameters.AddWithValue("$offset", Math.Max(0, offset));
            c.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 200));
        }

        var cards = await ReadAsync(
            """
            SELECT c.mode, f.topic_path, f.title, c.card_id, c.type, c.front, c.back, c.text
            FROM cards_fts JOIN cards c ON c.id = cards_fts.rowid JOIN files f ON f.mode = c.mode AND f.file_path = c.file_path
            WHERE cards_fts MATCH $match AND c.mode = $mode ORDER BY cards_fts.rank, c.id LIMIT $limit OFFSET $offset;
            """,
            Bind,
            r => new IndexedCard(Parse(r.GetString(0)), r.GetString(1), r.GetString(2),
                new Flashcard(r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), [], "", [])),
            cancellationToken).ConfigureAwait(false);
        var total = await ReadAsync(
            "SELECT count(*) FROM cards_fts JOIN cards c ON c.id = cards_fts.rowid WHERE cards_fts MATCH $match AND c.mode = $mode;",
            Bind, r => r.GetInt32(0), cancellationToken).ConfigureAwait(false);
        return (cards, total[0]);
    }

    /// <summary>Every word quoted (FTS5 syntax in the query is text, not operators); the last one also matches as a prefix.</summary>
    public static string MatchExpression(string? query)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToList();
        return words.Count == 0 ? "" : string.Join(' ', words) + "*";
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private const string TopicColumns = "mode, topic_path, category, file_name, file_path, title, content_hash, cards, problem";

    private static IndexedTopic ReadTopic(SqliteDataReader r) => new(
        Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8));

    private static OutputKind Parse(string mode) => OutputKinds.TryParse(mode, out var kind) ? kind : throw new FormatException($"Unknown mode '{mode}' in the card index.");

    private async Task RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var known = new Dictionary<(string Mode, string File), (long Size, long Mtime)>();
        using (var command = Command("SELECT mode, file_path, size, mtime FROM files;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                known[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        var changed = new List<(OutputKind Mode, string Category, FileInfo File)>();
        foreach (var mode in Modes)
        {
            var name = OutputKinds.NameOf(mode);
            foreach (var (category, file) in Enumerate(Path.Combine(_outputDir, name)))
            {
                var key = (name, name + "/" + category + "/" + file.Name);
                if (!known.Remove(key, out var stamp) || stamp != (file.Length, file.LastWriteTimeUtc.Ticks))
                {
                    changed.Add((mode, category, file));
                }
            }
        }

        if (changed.Count == 0 && known.Count == 0)
        {
            return;
        }

        var read = new List<(OutputKind Mode, string Category, FileInfo File, OutputReadResult Result)>(changed.Count);
        foreach (var (mode, category, file) in changed)
        {
            read.Add((mode, category, file, await _reader.ReadFileAsync(mode, category, file.Name, cancellationToken).ConfigureAwait(false)));
        }

        using var transaction = _connection.BeginTransaction();
        foreach (var ((mode, file), _) in known)
        {
            Remove(transaction, mode, file);
        }

        foreach (var (mode, category, file, result) in read)
        {
            var relative = OutputKinds.NameOf(mode) + "/" + category + "/" + file.Name;
            Remove(transaction, OutputKinds.NameOf(mode), relative);
            Insert(transaction, mode, category, file, relative, result);
        }

        transaction.Commit();
    }

    private static IEnumerable<(string Category, FileInfo File)> Enumerate(string productDir)
    {
        if (!Directory.Exists(productDir))
        {
            yield break;
        }

        foreach (var category in new DirectoryInfo(productDir).EnumerateDirectories().Where(d => !d.Name.StartsWith('.')))
        {
            foreach (var file in category.EnumerateFiles("*.json").Where(f => !f.Name.StartsWith('.')))
            {
                yield return (category.Name, file);
            }
        }
    }

    private void Remove(SqliteTransaction transaction, string mode, string file)
    {
        using var command = Command("""
            DELETE FROM cards_fts WHERE rowid IN (SELECT id FROM cards WHERE mode = $mode AND file_path = $file);
            DELETE FROM cards WHERE mode = $mode AND file_path = $file;
            DELETE FROM files WHERE mode = $mode AND file_path = $file;
            """, transaction);
        command.Parameters.AddWithValue("$mode", mode);
        command.Parameters.AddWithValue("$file", file);
        command.ExecuteNonQuery();
    }

    private void Insert(SqliteTransaction transaction, OutputKind mode, string category, FileInfo file, string relative, OutputReadResult result)
    {
        var topic = result.Topic;
        var stem = Path.GetFileNameWithoutExtension(file.Name);
        using (var command = Command("""
            INSERT INTO files (mode, file_path, topic_path, category, file_name, title, content_hash, size, mtime, cards, problem)
            VALUES ($mode, $file, $topic, $category, $name, $title, $hash, $size, $mtime, $cards, $problem);
            """, transaction))
        {
            command.Parameters.AddWithValue("$mode", OutputKinds.NameOf(mode));
            command.Parameters.AddWithValue("$file", relative);
            command.Parameters.AddWithValue("$topic", topic?.Topic.Path ?? category + "/" + file.Name);
            command.Parameters.AddWithValue("$category", category);
            command.Parameters.AddWithValue("$name", stem);
            command.Parameters.AddWithValue("$title", topic?.Topic.Title ?? stem);
            command.Parameters.AddWithValue("$hash", topic?.Topic.ContentHash ?? "");
            command.Parameters.AddWithValue("$size", file.Length);
            command.Parameters.AddWithValue("$mtime", file.LastWriteTimeUtc.Ticks);
            command.Parameters.AddWithValue("$cards", topic?.Cards.Count ?? 0);
            command.Parameters.AddWithValue("$problem", topic is null ? string.Join("; ", result.Problems.Select(p => p.Problem)) : DBNull.Value);
            command.ExecuteNonQuery();
        }

        var order = 0;
        foreach (var card in topic?.Cards ?? [])
        {
            using var command = Command("""
                INSERT INTO cards (mode, file_path, ord, card_id, type, front, back, text) VALUES ($mode, $file, $ord, $id, $type, $front, $back, $text);
                INSERT INTO cards_fts (rowid, front, back, text) VALUES (last_insert_rowid(), $front, $back, $text);
                """, transaction);
            command.Parameters.AddWithValue("$mode", OutputKinds.NameOf(mode));
            command.Parameters.AddWithValue("$file", relative);
            command.Parameters.AddWithValue("$ord", order++);
            command.Parameters.AddWithValue("$id", card.Id);
            command.Parameters.AddWithValue("$type", card.Type);
            command.Parameters.AddWithValue("$front", card.Front);
            command.Parameters.AddWithValue("$back", card.Back);
            command.Parameters.AddWithValue("$text", (object?)card.Text ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<SqliteCommand>? bind, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Command(sql);
            bind?.Invoke(command);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = Command(sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
