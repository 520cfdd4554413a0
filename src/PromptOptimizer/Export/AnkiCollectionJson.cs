using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PromptOptimizer.Export;

/// <summary>The JSON columns of the <c>col</c> row: conf, models, decks and dconf with Anki's defaults.</summary>
internal static class AnkiCollectionJson
{
    /// <summary>The collection config; <paramref name="nextPosition"/> follows the last new-card position.</summary>
    public static string Conf(long nextPosition) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("activeDecks");
        json.WriteNumberValue(1);
        json.WriteEndArray();
        json.WriteNumber("curDeck", 1);
        json.WriteNumber("newSpread", 0);
        json.WriteNumber("collapseTime", 1200);
        json.WriteNumber("timeLim", 0);
        json.WriteBoolean("estTimes", true);
        json.WriteBoolean("dueCounts", true);
        json.WriteString("curModel", AnkiNoteTypes.BasicId.ToString(CultureInfo.InvariantCulture));
        json.WriteNumber("nextPos", nextPosition);
        json.WriteString("sortType", "noteFld");
        json.WriteBoolean("sortBackwards", false);
        json.WriteBoolean("addToCur", true);
        json.WriteEndObject();
    });

    public static string Models() => Write(AnkiNoteTypes.WriteModels);

    /// <summary>The Default deck <c>"1"</c> plus the given decks (names to ids).</summary>
    public static string Decks(IReadOnlyDictionary<string, long> decks, long modSeconds) => Write(json =>
    {
        json.WriteStartObject();
        WriteDeck(json, 1, "Default", modSeconds, usn: 0);
        foreach (var (name, id) in decks.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            WriteDeck(json, id, name, modSeconds, usn: -1);
        }

        json.WriteEndObject();
    });

    /// <summary>The standard default deck-options group <c>"1"</c>.</summary>
    public static string Dconf() => Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("1");
        json.WriteNumber("id", 1);
        json.WriteString("name", "Default");
        json.WriteNumber("mod", 0);
        json.WriteNumber("usn", 0);
        json.WriteNumber("maxTaken", 60);
        json.WriteBoolean("autoplay", true);
        json.WriteNumber("timer", 0);
        json.WriteBoolean("replayq", true);
        json.WriteBoolean("dyn", false);

        json.WriteStartObject("new");
        WriteNumbers(json, "delays", 1, 10);
        WriteNumbers(json, "ints", 1, 4, 7);
        json.WriteNumber("initialFactor", 2500);
        json.WriteNumber("order", 1);
        json.WriteNumber("perDay", 20);
        json.WriteBoolean("separate", true);
        json.WriteBoolean("bury", false);
        json.WriteEndObject();

        json.WriteStartObject("lapse");
        WriteNumbers(json, "delays", 10);
        json.WriteNumber("mult", 0);
        json.WriteNumber("minInt", 1);
        json.WriteNumber("leechFails", 8);
        json.WriteNumber("leechAction", 0);
        json.WriteEndObject();

        json.WriteStartObject("rev");
        json.WriteNumber("perDay", 200);
        json.WriteNumber("ease4", 1.3);
        json.WriteNumber("fuzz", 0.05);
        json.WriteNumber("minSpace", 1);
        json.WriteNumber("ivlFct", 1);
        json.WriteNumber("maxIvl", 36500);
        json.WriteBoolean("bury", false);
        json.WriteNumber("hardFactor", 1.2);
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndObject();
    });

    private static void WriteDeck(Utf8JsonWriter json, long id, string name, long modSeconds, int usn)
    {
        json.WriteStartObject(id.ToString(CultureInfo.InvariantCulture));
        json.WriteNumber("id", id);
        json.WriteString("name", name);
        json.WriteNumber("usn", usn);
        json.WriteNumber("mod", modSeconds);
        json.WriteString("desc", "");
        json.WriteNumber("dyn", 0);
        json.WriteNumber("conf", 1);
        json.WriteBoolean("collapsed", false);
        json.WriteBoolean("browserCollapsed", false);
        WriteNumbers(json, "newToday", 0, 0);
        WriteNumbers(json, "revToday", 0, 0);
        WriteNumbers(json, "lrnToday", 0, 0);
        WriteNumbers(json, "timeToday", 0, 0);
        json.WriteNumber("extendNew", 10);
        json.WriteNumber("extendRev", 50);
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, params ReadOnlySpan<int> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
