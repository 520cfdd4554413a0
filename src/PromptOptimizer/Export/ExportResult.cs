namespace PromptOptimizer.Export;

/// <summary>What an export wrote.</summary>
/// <param name="OutPath">The absolute file written.</param>
/// <param name="Topics">Topics (output files) that contributed at least one note or line.</param>
/// <param name="Notes">Notes (apkg, anki-tsv), rows (csv) or lines (jsonl) written.</param>
/// <param name="Cards">Anki cards (one per Basic note, one per cloze number); for csv and jsonl the card rows or lines.</param>
/// <param name="SkippedCards">Cards left out: flagged by the quality checks under <c>MinQuality</c>, not accepted by review, or unusable in the format.</param>
/// <param name="Problems">Broken files and unusable cards, by file.</param>
internal sealed record ExportResult(
    ExportFormat Format,
    string OutPath,
    int Topics,
    int Notes,
    int Cards,
    int SkippedCards,
    IReadOnlyList<ExportProblem> Problems)
{
    /// <summary>Of <see cref="SkippedCards"/>, those left out by <c>--reviewed accepted</c>: not accepted, or reviewed before the topic changed.</summary>
    public int LeftOutByReview { get; init; }
}
