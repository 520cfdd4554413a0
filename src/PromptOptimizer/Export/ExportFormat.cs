namespace PromptOptimizer.Export;

/// <summary>The file formats an export can write.</summary>
internal enum ExportFormat
{
    /// <summary>Anki package: zip with a schema-11 <c>collection.anki2</c>.</summary>
    Apkg,

    /// <summary>Anki 2.1.54+ text import with header lines, tab separated.</summary>
    AnkiTsv,

    /// <summary>RFC 4180 CSV, one row per card.</summary>
    Csv,

    /// <summary>One JSON object per line.</summary>
    Jsonl,
}
