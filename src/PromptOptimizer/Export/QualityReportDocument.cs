namespace PromptOptimizer.Export;

/// <summary>The JSON form of a <see cref="QualityReport"/>.</summary>
/// <param name="Checks">Cards failing each check, by kebab-case check name.</param>
/// <param name="Worst">The worst offenders (at most the requested number).</param>
/// <param name="Flagged">Every flagged card.</param>
internal sealed record QualityReportDocument(
    int Topics,
    int Cards,
    int FlaggedCards,
    int CitedCards,
    double CitationCoverage,
    IReadOnlyList<QualityReportDocument.CheckCount> Checks,
    IReadOnlyList<QualityReportDocument.CardEntry> Worst,
    IReadOnlyList<QualityReportDocument.CardEntry> Flagged,
    IReadOnlyList<ExportProblem> Problems)
{
    /// <summary>How many cards failed one check.</summary>
    internal sealed record CheckCount(string Check, int Cards);

    /// <summary>One flagged card: its file, id, failed checks and the explanation of each finding.</summary>
    internal sealed record CardEntry(string File, string CardId, IReadOnlyList<string> Checks, IReadOnlyList<string> Details);
}
