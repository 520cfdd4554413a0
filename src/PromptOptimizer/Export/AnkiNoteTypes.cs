using System.Globalization;
using System.Text.Json;

namespace PromptOptimizer.Export;

/// <summary>
/// The two note types in every package. Ids, names, field names and template names never change: Anki matches an
/// existing note type by id and by those names, and only then updates notes in place on re-import.
/// </summary>
internal static class AnkiNoteTypes
{
    public const long BasicId = 1700000000001;
    public const long ClozeId = 1700000000002;
    public const string BasicName = "Basic";
    public const string ClozeName = "Cloze";

    /// <summary>Fixed so that re-exports do not look like note-type edits.</summary>
    public const long ModelModSeconds = 1700000000;

    public static IReadOnlyList<string> BasicFields { get; } = ["Front", "Back", "Sources"];

    public static IReadOnlyList<string> ClozeFields { get; } = ["Text", "Back Extra", "Sources"];

    public const string BasicQuestion = "{{Front}}";
    public const string BasicAnswer = "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}" + SourcesBlock;
    public const string ClozeQuestion = "{{cloze:Text}}";
    public const string ClozeAnswer = "{{cloze:Text}}<br>\n{{Back Extra}}" + SourcesBlock;

    public const string Css =
        ".card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n" +
        ".sources {\n font-size: 12px;\n margin-top: 1em;\n}\n";

    public const string ClozeCss = Css + ".cloze {\n font-weight: bold;\n color: blue;\n}\n.nightMode .cloze {\n color: lightblue;\n}\n";

    // Sources show under the answer only when the field has content.
    private const string SourcesBlock = "\n\n{{#Sources}}<div class=sources>{{Sources}}</div>{{/Sources}}";

    private const string LatexPre =
        "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n" +
        "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n";

    private const string LatexPost = "\\end{document}";

    /// <summary>Writes the <c>models</c> column: an object keyed by note-type id.</summary>
    public static void WriteModels(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        WriteModel(json, BasicId, BasicName, type: 0, BasicFields, "Card 1", BasicQuestion, BasicAnswer, Css);
        WriteModel(json, ClozeId, ClozeName, type: 1, ClozeFields, "Cloze", ClozeQuestion, ClozeAnswer, ClozeCss);
        json.WriteEndObject();
    }

    private static void WriteModel(
        Utf8JsonWriter json, long id, string name, int type, IReadOnlyList<string> fields, string templateName, string qfmt, string afmt, string css)
    {
        json.WriteStartObject(id.ToString(CultureInfo.InvariantCulture));
        json.WriteNumber("id", id);
        json.WriteString("name", name);
        json.WriteNumber("type", type);
        json.WriteNumber("mod", ModelModSeconds);
        json.WriteNumber("usn", -1);
        json.WriteNumber("sortf", 0);
        json.WriteNumber("did", 1);

        json.WriteStartArray("tmpls");
        json.WriteStartObject();
        json.WriteString("name", templateName);
        json.WriteNumber("ord", 0);
        json.WriteString("qfmt", qfmt);
        json.WriteString("afmt", afmt);
        json.WriteString("bqfmt", "");
        json.WriteString("bafmt", "");
        json.WriteNull("did");
        json.WriteString("bfont", "");
        json.WriteNumber("bsize", 0);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("flds");
        for (var i = 0; i < fields.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("name", fields[i]);
            json.WriteNumber("ord", i);
            json.WriteBoolean("sticky", false);
            json.WriteBoolean("rtl", false);
            json.WriteString("font", "Arial");
            json.WriteNumber("size", 20);
            json.WriteStartArray("media");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("css", css);
        json.WriteString("latexPre", LatexPre);
        json.WriteString("latexPost", LatexPost);
        json.WriteBoolean("latexsvg", false);

        // req: template 0 needs field 0 ("all"); Anki ignores req for cloze types but older clients expect it present.
        json.WriteStartArray("req");
        json.WriteStartArray();
        json.WriteNumberValue(0);
        json.WriteStringValue(type == 0 ? "all" : "any");
        json.WriteStartArray();
        json.WriteNumberValue(0);
        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteEndArray();

        json.WriteStartArray("tags");
        json.WriteEndArray();
        json.WriteStartArray("vers");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
