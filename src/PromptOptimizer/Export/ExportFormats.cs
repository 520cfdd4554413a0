namespace PromptOptimizer.Export;

/// <summary>Names of <see cref="ExportFormat"/> as users type them (<c>apkg</c>, <c>anki-tsv</c>, <c>csv</c>, <c>jsonl</c>).</summary>
internal static class ExportFormats
{
    /// <summary>Every format name, in display order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["apkg", "anki-tsv", "csv", "jsonl"];

    public static string NameOf(ExportFormat format) => format switch
    {
        ExportFormat.Apkg => "apkg",
        ExportFormat.AnkiTsv => "anki-tsv",
        ExportFormat.Csv => "csv",
        ExportFormat.Jsonl => "jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The usual file extension, with the dot.</summary>
    public static string ExtensionOf(ExportFormat format) => format switch
    {
        ExportFormat.Apkg => ".apkg",
        ExportFormat.AnkiTsv => ".txt",
        ExportFormat.Csv => ".csv",
        ExportFormat.Jsonl => ".jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Parses a format name, case-insensitively; also accepts <c>tsv</c> and <c>anki_tsv</c>.</summary>
    public static bool TryParse(string? text, out ExportFormat format)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "APKG":
                format = ExportFormat.Apkg;
                return true;
            case "ANKI-TSV" or "ANKI_TSV" or "ANKITSV" or "TSV":
                format = ExportFormat.AnkiTsv;
                return true;
            case "CSV":
                format = ExportFormat.Csv;
                return true;
            case "JSONL":
                format = ExportFormat.Jsonl;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>Parses a format name or throws an <see cref="ArgumentException"/> listing the valid names.</summary>
    public static ExportFormat Parse(string? text) => TryParse(text, out var format)
        ? format
        : throw new ArgumentException($"Unknown export format '{text}'; expected one of: {string.Join(", ", Names)}.", nameof(text));
}
