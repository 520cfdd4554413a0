using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using PromptOptimizer.Cards;

namespace PromptOptimizer.Export;

/// <summary>
/// Writes an <c>.apkg</c>: a zip with a schema-11 <c>collection.anki2</c> and an empty <c>media</c> map. The SQLite
/// file is built in <paramref name="workDirectory"/> and deleted afterwards.
/// </summary>
internal sealed class AnkiPackageWriter(TimeProvider timeProvider, string workDirectory) : IExportWriter
{
    public async Task<ExportWriteCounts> WriteAsync(IReadOnlyList<ExportTopic> topics, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var set = AnkiNoteSet.Build(topics);
        var database = Path.Combine(workDirectory, $".po-export-{Guid.NewGuid():N}.anki2");
        try
        {
            await WriteCollectionAsync(database, set.Notes, cancellationToken).ConfigureAwait(false);
            await WriteZipAsync(database, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(database);
            File.Delete(database + "-journal");
        }

        return new ExportWriteCounts(set.Topics, set.Notes.Count, set.CardCount, set.Problems.Count, set.Problems);
    }

    private async Task WriteCollectionAsync(string database, IReadOnlyList<AnkiNote> notes, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var builder = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA journal_mode=DELETE;", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, AnkiSchema.Create, cancellationToken).ConfigureAwait(false);

            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var decks = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var note in notes)
                {
                    foreach (var deck in AnkiNoteBuilder.DeckAndParents(note.Deck))
                    {
                        decks.TryAdd(deck, AnkiNoteBuilder.DeckId(deck));
                    }
                }

                await InsertCollectionRowAsync(connection, now, nextPosition: notes.Count + 1, decks, cancellationToken).ConfigureAwait(false);
                await InsertNotesAsync(connection, notes, decks, nowMs, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Anki reads the file only after every handle is gone; pooled connections would keep it open.
        SqliteConnection.ClearAllPools();
    }

    private static async Task InsertCollectionRowAsync(
        SqliteConnection connection, DateTimeOffset now, long nextPosition, Dictionary<string, long> decks, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = """
                INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
                VALUES (1, $crt, $mod, $scm, $ver, 0, 0, 0, $conf, $models, $decks, $dconf, '{}');
                """;
            command.Parameters.AddWithValue("$crt", now.ToUnixTimeSeconds());
            command.Parameters.AddWithValue("$mod", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$scm", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$ver", AnkiSchema.Version);
            command.Parameters.AddWithValue("$conf", AnkiCollectionJson.Conf(nextPosition));
            command.Parameters.AddWithValue("$models", AnkiCollectionJson.Models());
            command.Parameters.AddWithValue("$decks", AnkiCollectionJson.Decks(decks, now.ToUnixTimeSeconds()));
            command.Parameters.AddWithValue("$dconf", AnkiCollectionJson.Dconf());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertNotesAsync(
        SqliteConnection connection, IReadOnlyList<AnkiNote> notes, Dictionary<string, long> decks, long idBase, CancellationToken cancellationToken)
    {
        var noteCommand = connection.CreateCommand();
        var cardCommand = connection.CreateCommand();
        await using (noteCommand.ConfigureAwait(false))
        await using (cardCommand.ConfigureAwait(false))
        {
            noteCommand.CommandText = """
                INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
                VALUES ($id, $guid, $mid, $mod, -1, $tags, $flds, $sfld, $csum, 0, '');
                """;
            var noteId = noteCommand.Parameters.Add("$id", SqliteType.Integer);
            var guid = noteCommand.Parameters.Add("$guid", SqliteType.Text);
            var mid = noteCommand.Parameters.Add("$mid", SqliteType.Integer);
            var noteMod = noteCommand.Parameters.Add("$mod", SqliteType.Integer);
            var tags = noteCommand.Parameters.Add("$tags", SqliteType.Text);
            var fields = noteCommand.Parameters.Add("$flds", SqliteType.Text);
            var sortField = noteCommand.Parameters.Add("$sfld", SqliteType.Text);
            var checksum = noteCommand.Parameters.Add("$csum", SqliteType.Integer);

            cardCommand.CommandText = """
                INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
                VALUES ($id, $nid, $did, $ord, $mod, -1, 0, 0, $due, 0, 0, 0, 0, 0, 0, 0, 0, '');
                """;
            var cardId = cardCommand.Parameters.Add("$id", SqliteType.Integer);
            var cardNote = cardCommand.Parameters.Add("$nid", SqliteType.Integer);
            var deckId = cardCommand.Parameters.Add("$did", SqliteType.Integer);
            var ordinal = cardCommand.Parameters.Add("$ord", SqliteType.Integer);
            var cardMod = cardCommand.Parameters.Add("$mod", SqliteType.Integer);
            var due = cardCommand.Parameters.Add("$due", SqliteType.Integer);

            // Ids are milliseconds-like values from one counter, so notes and cards never share an id.
            var nextId = idBase;
            for (var position = 0; position < notes.Count; position++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var note = notes[position];
                var stripped = CardHtml.Strip(note.Fields[0]);
                var id = nextId++;
                noteId.Value = id;
                guid.Value = note.Guid;
                mid.Value = note.NoteTypeId;
                noteMod.Value = note.Mod;
                tags.Value = note.TagString;
                fields.Value = string.Join('\x1f', note.Fields);
                sortField.Value = stripped;
                checksum.Value = Checksum(stripped);
                await noteCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                foreach (var ord in note.CardOrdinals)
                {
                    cardId.Value = nextId++;
                    cardNote.Value = id;
                    deckId.Value = decks[note.Deck];
                    ordinal.Value = ord;
                    cardMod.Value = note.Mod;
                    due.Value = position + 1;
                    await cardCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The <c>csum</c> column: the first 4 bytes of SHA-1 of the stripped text as a big-endian integer.</summary>
    private static long Checksum(string strippedText)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // Anki's file format defines csum with SHA-1; it is a duplicate hint, not security.
        SHA1.HashData(Encoding.UTF8.GetBytes(strippedText), hash);
#pragma warning restore CA5350
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteZipAsync(string database, Stream output, CancellationToken cancellationToken)
    {
        var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using (zip.ConfigureAwait(false))
        {
            var collection = zip.CreateEntry("collection.anki2", CompressionLevel.Optimal);
            var entryStream = await collection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (entryStream.ConfigureAwait(false))
            {
                var file = new FileStream(database, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    await file.CopyToAsync(entryStream, cancellationToken).ConfigureAwait(false);
                }
            }

            var media = zip.CreateEntry("media", CompressionLevel.Optimal);
            var mediaStream = await media.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (mediaStream.ConfigureAwait(false))
            {
                await mediaStream.WriteAsync(Encoding.UTF8.GetBytes("{}"), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
