using System.Globalization;
using Microsoft.Data.Sqlite;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Review;

/// <summary>
/// A SQLite file in the state directory that follows the output directory and the store's completions: one row per
/// output file (by size and write time, so only new or rewritten files are read again) or per result the store kept
/// where no file is (PostgreSQL workers without a shared disk), and their cards with an FTS5 full-text index, so that
/// browsing and searching 100,000 cards are indexed, paged reads instead of reading every output file. It is a cache:
/// a file of another layout is rebuilt, and deleting it costs one full read of the outputs.
/// </summary>
/// <remarks>
/// Requests only read it, on their own connection: the refresh (<see cref="CardIndexRefresher"/>) writes on another,
/// and in WAL mode a reader never waits for the writer. Reads wait only for the first refresh, so a new page never
/// shows an empty index that is still being built.
/// </remarks>
internal sealed partial class CardIndex : IDisposable
{
    public const string FileName = "review_index.db";

    private const int LayoutVersion = 3;
    private const string TopicColumns = "mode, topic_path, category, file_name, file_path, title, content_hash, cards, problem, document IS NOT NULL";

    private readonly string _outputDir;
    private readonly OutputReader _reader;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _readConnection;
    private readonly Dictionary<string, SqliteCommand> _readCommands = new(StringComparer.Ordinal);
    private readonly SqliteConnection _writeConnection;
    private readonly TaskCompletionSource _firstRefresh = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CardIndex(string stateDir, string outputDir)
    {
        Directory.CreateDirectory(stateDir);
        _outputDir = Path.GetFullPath(outputDir);
        _reader = new OutputReader(_outputDir);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(stateDir, FileName), Pooling = false }.ToString();
        _writeConnection = new SqliteConnection(connectionString);
        _writeConnection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        if (Scalar("PRAGMA user_version;") != LayoutVersion)
        {
            Execute("""
                DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS cards; DROP TABLE IF EXISTS cards_fts;
                CREATE TABLE files (
                    mode TEXT NOT NULL, file_path TEXT NOT NULL, topic_path TEXT NOT NULL, category TEXT NOT NULL, file_name TEXT NOT NULL,
                    title TEXT NOT NULL, content_hash TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, cards INTEGER NOT NULL,
                    problem TEXT, document TEXT, PRIMARY KEY (mode, file_path));
                CREATE INDEX ix_files_topic ON files (mode, topic_path);
                CREATE TABLE cards (
                    id INTEGER PRIMARY KEY, mode TEXT NOT NULL, file_path TEXT NOT NULL, ord INTEGER NOT NULL, card_id TEXT NOT NULL,
                    type TEXT NOT NULL, front TEXT NOT NULL, back TEXT NOT NULL, text TEXT);
                CREATE INDEX ix_cards_file ON cards (mode, file_path, ord);
                CREATE VIRTUAL TABLE cards_fts USING fts5 (front, back, text);
                """ + string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {LayoutVersion};"));
        }

        _readConnection = new SqliteConnection(connectionString);
        _readConnection.Open();
        using var command = _readConnection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA query_only = 1;";
        command.ExecuteNonQuery();
    }

    /// <summary>Completes once the first refresh has run (whether or not it succeeded); reads wait for it.</summary>
    public Task Ready => _firstRefresh.Task;

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

    /// <summary>
    /// The topic's output as a read document: its file under the output directory, or the result the store kept for it.
    /// </summary>
    public async Task<OutputReadResult> ReadOutputAsync(IndexedTopic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.Stored
            ? OutputReader.Parse(topic.Mode, topic.Category, topic.FileName + ".json", await StoredDocumentAsync(topic, cancellationToken).ConfigureAwait(false))
            : await _reader.ReadFileAsync(topic.Mode, topic.Category, topic.FileName + ".json", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The topic's output document as bytes (its file, or the result the store kept); null when the file cannot be read.</summary>
    public async Task<byte[]?> ReadBytesAsync(IndexedTopic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Stored)
        {
            return await StoredDocumentAsync(topic, cancellationToken).ConfigureAwait(false);
        }

        // The path comes from the index, which holds only files found under the output directory.
        var path = Path.Combine(_outputDir, topic.FilePath);
        try
        {
            return new FileInfo(path).Length > OutputReader.MaxFileBytes ? null : await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task<byte[]> StoredDocumentAsync(IndexedTopic topic, CancellationToken cancellationToken)
    {
        var documents = await ReadAsync(
            "SELECT document FROM files WHERE mode = $mode AND file_path = $file AND document IS NOT NULL;",
            c =>
            {
                c.Parameters.AddWithValue("$mode", OutputKinds.NameOf(topic.Mode));
                c.Parameters.AddWithValue("$file", topic.FilePath);
            },
            r => r.GetString(0),
            cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetBytes(documents.Count > 0 ? documents[0] : "null");
    }

    public void Dispose()
    {
        foreach (var command in _readCommands.Values)
        {
            command.Dispose();
        }

        _readConnection.Dispose();
        _writeConnection.Dispose();
        _readGate.Dispose();
        _writeGate.Dispose();
    }

    private static IndexedTopic ReadTopic(SqliteDataReader r) => new(
        Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetInt32(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.GetBoolean(9));

    private static OutputKind Parse(string mode) => OutputKinds.TryParse(mode, out var kind) ? kind : throw new FormatException($"Unknown mode '{mode}' in the card index.");

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<SqliteCommand>? bind, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One prepared statement per query text, kept for the connection's life: a keystroke's search only binds and steps.
            if (!_readCommands.TryGetValue(sql, out var command))
            {
                command = _readConnection.CreateCommand();
                command.CommandText = sql;
                _readCommands.Add(sql, command);
            }

            command.Parameters.Clear();
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
            _readGate.Release();
        }
    }
}
