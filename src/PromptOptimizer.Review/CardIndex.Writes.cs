using System.Globalization;
using Microsoft.Data.Sqlite;
using PromptOptimizer.Export;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Review;

/// <summary>The index's writes, one at a time on the writer connection: the output directory's changes and the store's kept results.</summary>
internal sealed partial class CardIndex
{
    private static readonly OutputKind[] Modes = [OutputKind.Flashcards, OutputKind.Unified, OutputKind.Prompts];

    /// <summary>Lets reads through even when the first refresh failed (they then see what the index already held).</summary>
    public void MarkReady() => _firstRefresh.TrySetResult();

    /// <summary>Reads output files that are new or changed since the last refresh and forgets removed ones; then lets reads through.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RefreshLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
            MarkReady();
        }
    }

    /// <summary>
    /// Indexes the results the store kept for completed topics that have no file in the output directory (a file, when
    /// there is one, is the topic's output and wins). A result already indexed for the same completion is not read again.
    /// </summary>
    public async Task ApplyCompletedAsync(IReadOnlyList<CompletedTopic> completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completed);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _writeConnection.BeginTransaction();
            foreach (var topic in completed)
            {
                var json = topic.ResultJson;
                if (TopicPath.Check(topic.TopicPath) is not null)
                {
                    continue;
                }

                var mode = OutputKinds.NameOf(topic.Mode);
                var relative = mode + "/" + topic.TopicPath;
                var stamp = topic.CompletedAt.UtcTicks;
                using (var existing = Command("SELECT document IS NULL, mtime FROM files WHERE mode = $mode AND file_path = $file;", transaction))
                {
                    existing.Parameters.AddWithValue("$mode", mode);
                    existing.Parameters.AddWithValue("$file", relative);
                    using var reader = existing.ExecuteReader();
                    if (reader.Read() && (reader.GetBoolean(0) || reader.GetInt64(1) == stamp))
                    {
                        continue;
                    }
                }

                var (category, name) = TopicPath.Split(topic.TopicPath);
                var result = OutputReader.Parse(topic.Mode, category, name + ".json", System.Text.Encoding.UTF8.GetBytes(json));
                Remove(transaction, mode, relative);
                Insert(transaction, topic.Mode, category, name, relative, -1, stamp, result, json);
            }

            transaction.Commit();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task RefreshLockedAsync(CancellationToken cancellationToken)
    {
        // Rows of results the store kept are not files: a scan neither removes them nor compares them.
        var known = new Dictionary<(string Mode, string File), (long Size, long Mtime)>();
        using (var command = Command("SELECT mode, file_path, size, mtime FROM files WHERE document IS NULL;"))
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

        using var transaction = _writeConnection.BeginTransaction();
        foreach (var ((mode, file), _) in known)
        {
            Remove(transaction, mode, file);
        }

        foreach (var (mode, category, file, result) in read)
        {
            var relative = OutputKinds.NameOf(mode) + "/" + category + "/" + file.Name;
            Remove(transaction, OutputKinds.NameOf(mode), relative);
            Insert(transaction, mode, category, Path.GetFileNameWithoutExtension(file.Name), relative, file.Length, file.LastWriteTimeUtc.Ticks, result, null);
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

    /// <param name="size">The file's length, or -1 for a result the store kept.</param>
    /// <param name="mtime">The file's write time, or the completion time of a result the store kept (UTC ticks).</param>
    /// <param name="document">The result the store kept, or null for a file.</param>
    private void Insert(SqliteTransaction transaction, OutputKind mode, string category, string stem, string relative, long size, long mtime, OutputReadResult result, string? document)
    {
        var topic = result.Topic;
        using (var command = Command("""
            INSERT INTO files (mode, file_path, topic_path, category, file_name, title, content_hash, size, mtime, cards, problem, document)
            VALUES ($mode, $file, $topic, $category, $name, $title, $hash, $size, $mtime, $cards, $problem, $document);
            """, transaction))
        {
            command.Parameters.AddWithValue("$mode", OutputKinds.NameOf(mode));
            command.Parameters.AddWithValue("$file", relative);
            command.Parameters.AddWithValue("$topic", topic?.Topic.Path ?? category + "/" + stem + ".json");
            command.Parameters.AddWithValue("$category", category);
            command.Parameters.AddWithValue("$name", stem);
            command.Parameters.AddWithValue("$title", topic?.Topic.Title ?? stem);
            command.Parameters.AddWithValue("$hash", topic?.Topic.ContentHash ?? "");
            command.Parameters.AddWithValue("$size", size);
            command.Parameters.AddWithValue("$mtime", mtime);
            command.Parameters.AddWithValue("$cards", topic?.Cards.Count ?? 0);
            command.Parameters.AddWithValue("$problem", topic is null ? string.Join("; ", result.Problems.Select(p => p.Problem)) : DBNull.Value);
            command.Parameters.AddWithValue("$document", (object?)document ?? DBNull.Value);
            command.ExecuteNonQuery();
        }

        var order = 0;
        var (low, high) = BandOf(mode);
        foreach (var card in topic?.Cards ?? [])
        {
            using var command = Command("""
                INSERT INTO cards (id, mode, file_path, ord, card_id, type, front, back, text) VALUES (
                    coalesce((SELECT id FROM cards WHERE id BETWEEN $low AND $high ORDER BY id DESC LIMIT 1), $low) + 1,
                    $mode, $file, $ord, $id, $type, $front, $back, $text);
                INSERT INTO cards_fts (rowid, front, back, text) VALUES (last_insert_rowid(), $front, $back, $text);
                """, transaction);
            command.Parameters.AddWithValue("$low", low);
            command.Parameters.AddWithValue("$high", high);
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

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _writeConnection.CreateCommand();
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
