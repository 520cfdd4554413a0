using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PromptOptimizer.Export;

/// <summary>The result of <see cref="QualityChecker"/>: totals, counts per check, flagged cards and the worst offenders.</summary>
/// <param name="Topics">Topics (files) checked.</param>
/// <param name="Cards">Cards checked.</param>
/// <param name="CitedCards">Cards citing at least one source present in their file.</param>
/// <param name="CheckCounts">Cards failing each check, for every check (zeros included), in enum order.</param>
/// <param name="Flagged">Every card with at least one finding, in reading order.</param>
/// <param name="WorstOffenders">The cards with the most distinct failed checks, most first.</param>
/// <param name="Problems">Files or cards that could not be read.</param>
internal sealed record QualityReport(
    int Topics,
    int Cards,
    int CitedCards,
    IReadOnlyDictionary<QualityCheck, int> CheckCounts,
    IReadOnlyList<CardQuality> Flagged,
    IReadOnlyList<CardQuality> WorstOffenders,
    IReadOnlyList<ExportProblem> Problems)
{
    /// <summary>The cards that <c>MinQuality</c> leaves out.</summary>
    public IReadOnlySet<CardKey> FlaggedCards { get; } = Flagged.Select(c => c.Key).ToHashSet();

    /// <summary>The share of cards citing a source of their file (1 when there are no cards).</summary>
    public double CitationCoverage => Cards == 0 ? 1 : (double)CitedCards / Cards;

    /// <summary>The JSON form (snake_case, indented).</summary>
    public QualityReportDocument ToDocument() => new(
        Topics,
        Cards,
        Flagged.Count,
        CitedCards,
        Math.Round(CitationCoverage, 4),
        CheckCounts.OrderBy(c => c.Key).Select(c => new QualityReportDocument.CheckCount(QualityCheckNames.NameOf(c.Key), c.Value)).ToList(),
        WorstOffenders.Select(ToEntry).ToList(),
        Flagged.Select(ToEntry).ToList(),
        Problems);

    public string ToJson() => JsonSerializer.Serialize(ToDocument(), QualityJsonContext.Default.QualityReportDocument);

    /// <summary>A plain-text summary: totals, non-zero check counts and the worst offenders.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Topics} topics, {Cards} cards, {Flagged.Count} flagged, citation coverage {CitationCoverage:P1}").AppendLine();
        foreach (var (check, count) in CheckCounts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {QualityCheckNames.NameOf(check),-20} {count}").AppendLine();
        }

        if (WorstOffenders.Count > 0)
        {
            text.AppendLine("Worst offenders:");
            foreach (var card in WorstOffenders)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {card.Key.FilePath} {card.Key.CardId}: {string.Join(", ", card.Checks.Select(QualityCheckNames.NameOf))}").AppendLine();
            }
        }

        foreach (var problem in Problems)
        {
            text.Append("  problem: ").AppendLine(problem.ToString());
        }

        return text.ToString();
    }

    private static QualityReportDocument.CardEntry ToEntry(CardQuality card) => new(
        card.Key.FilePath,
        card.Key.CardId,
        card.Checks.Select(QualityCheckNames.NameOf).ToList(),
        card.Findings.Select(f => QualityCheckNames.NameOf(f.Check) + ": " + f.Detail).ToList());
}
