using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>What to export, from which product, to where. Validated at construction.</summary>
internal sealed record ExportOptions
{
    /// <param name="format">The file format to write.</param>
    /// <param name="outPath">The file to create or replace (written atomically).</param>
    /// <param name="mode">Which product's output files to read.</param>
    /// <param name="categories">Category folders to include; null or empty means all.</param>
    /// <param name="minQuality">Leave out cards flagged by the quality checks.</param>
    public ExportOptions(ExportFormat format, string outPath, OutputKind mode, IReadOnlyList<string>? categories = null, bool minQuality = false)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentException($"Unknown export format {(int)format}.", nameof(format));
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentException($"Unknown output mode {(int)mode}.", nameof(mode));
        }

        if (mode == OutputKind.Prompts && format != ExportFormat.Jsonl)
        {
            throw new ArgumentException(
                $"Prompts outputs hold no cards; format {ExportFormats.NameOf(format)} needs mode flashcards or unified (use jsonl for prompts).",
                nameof(mode));
        }

        if (string.IsNullOrWhiteSpace(outPath))
        {
            throw new ArgumentException("The output file path is empty.", nameof(outPath));
        }

        if (outPath.EndsWith('/') || outPath.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(outPath))
        {
            throw new ArgumentException($"The output path '{outPath}' is a directory; give a file name.", nameof(outPath));
        }

        var list = new List<string>();
        foreach (var category in categories ?? [])
        {
            if (string.IsNullOrWhiteSpace(category) || category is "." or ".." || category.AsSpan().IndexOfAny('/', '\\') >= 0)
            {
                throw new ArgumentException($"Category '{category}' is not a single folder name.", nameof(categories));
            }

            if (!list.Contains(category, StringComparer.Ordinal))
            {
                list.Add(category);
            }
        }

        Format = format;
        OutPath = Path.GetFullPath(outPath);
        Mode = mode;
        Categories = list;
        MinQuality = minQuality;
    }

    public ExportFormat Format { get; }

    /// <summary>The absolute output file.</summary>
    public string OutPath { get; }

    public OutputKind Mode { get; }

    /// <summary>Distinct category names; empty means all.</summary>
    public IReadOnlyList<string> Categories { get; }

    public bool MinQuality { get; }
}
