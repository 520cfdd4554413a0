using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PromptOptimizer.Tests.Export;

/// <summary>Everything in an exported .apkg, read back with Microsoft.Data.Sqlite.</summary>
internal sealed class ApkgContents
{
    public required IReadOnlyList<string> Entries { get; init; }
    public required string Media { get; init; }
    public required IReadOnlyList<string> Tables { get; init; }
    public required IReadOnlyList<string> Indexes { get; init; }
    public required string JournalMode { get; init; }
    public required int ColRows { get; init; }
    public required long Version { get; init; }
    public required JsonElement Decks { get; init; }
    public required JsonElement Models { get; init; }
    public required JsonElement Dconf { get; init; }
    public required JsonElement Conf { get; init; }
    public required IReadOnlyList<NoteRow> Notes { get; init; }
    public required IReadOnlyList<CardRow> Cards { get; init; }

    public static ApkgContents Read(string apkgPath)
    {
        var extracted = apkgPath + ".read.anki2";
        string media;
        List<string> entries;
        using (var zip = ZipFile.OpenRead(apkgPath))
        {
            entries = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
            zip.GetEntry("collection.anki2")!.ExtractToFile(extracted, overwrite: true);
            using var reader = new StreamReader(zip.GetEntry("media")!.Open());
            media = reader.ReadToEnd();
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={extracted};Mode=ReadOnly;Pooling=False");
            connection.Open();
            var col = Rows(connection, "SELECT ver, decks, models, dconf, conf FROM col", r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
            return new ApkgContents
            {
                Entries = entries,
                Media = media,
                Tables = Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0)),
                Indexes = Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name", r => r.GetString(0)),
                JournalMode = Rows(connection, "PRAGMA journal_mode", r => r.GetString(0))[0],
                ColRows = col.Count,
                Version = col[0].Item1,
                Decks = JsonDocument.Parse(col[0].Item2).RootElement.Clone(),
                Models = JsonDocument.Parse(col[0].Item3).RootElement.Clone(),
                Dconf = JsonDocument.Parse(col[0].Item4).RootElement.Clone(),
                Conf = JsonDocument.Parse(col[0].Item5).RootElement.Clone(),
                Notes = Rows(connection, "SELECT id, guid, mid, mod, usn, tags, flds, sfld, csum FROM notes ORDER BY id", r => new NoteRow(
                    r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetInt64(8))),
                Cards = Rows(connection, "SELECT id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, data FROM cards ORDER BY id", r => new CardRow(
                    r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt32(3), r.GetInt64(4), r.GetInt32(5), r.GetInt32(6), r.GetInt64(7),
                    r.GetInt64(8) + r.GetInt64(9) + r.GetInt64(10), r.GetString(11))),
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(extracted);
        }
    }

    public string DeckName(long deckId) => Decks.GetProperty(deckId.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("name").GetString()!;

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    internal sealed record NoteRow(long Id, string Guid, long Mid, long Mod, long Usn, string Tags, string Flds, string Sfld, long Csum)
    {
        public string[] Fields => Flds.Split('\x1f');
    }

    /// <param name="Progress">ivl + factor + reps: zero for a new card.</param>
    internal sealed record CardRow(long Id, long Nid, long Did, int Ord, long Mod, int Type, int Queue, long Due, long Progress, string Data);
}
