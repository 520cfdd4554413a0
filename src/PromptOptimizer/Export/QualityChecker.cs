using PromptOptimizer.Cards;
using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>Runs the card checks and the duplicate detection over topics and summarises them in a <see cref="QualityReport"/>.</summary>
internal static class QualityChecker
{
    public const int DefaultWorstCount = 20;

    /// <summary>Checks every card of the given topics (all categories are compared within themselves for near duplicates).</summary>
    /// <param name="problems">Reading problems to carry into the report.</param>
    /// <param name="worstCount">How many worst offenders to list.</param>
    public static QualityReport Check(IReadOnlyList<ExportTopic> topics, IReadOnlyList<ExportProblem>? problems = null, int worstCount = DefaultWorstCount)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentOutOfRangeException.ThrowIfNegative(worstCount);
        var perCard = new List<(ExportTopic Topic, Flashcard Card, List<QualityFinding> Findings)>();
        var candidates = new List<DuplicateCandidate>();
        var cited = 0;
        foreach (var topic in topics)
        {
            foreach (var card in topic.Cards)
            {
                var findings = new List<QualityFinding>();
                CardRules.Check(topic, card, findings);
                perCard.Add((topic, card, findings));
                candidates.Add(new DuplicateCandidate(topic.Category, topic.FilePath + "#" + card.Id, CardText.Prompt(card.Type, card.Front, card.Text), card.Back));
                cited += topic.CitedSources(card).Count > 0 ? 1 : 0;
            }
        }

        var duplicates = DuplicateDetector.Find(candidates);
        var counts = Enum.GetValues<QualityCheck>().ToDictionary(c => c, _ => 0);
        var flagged = new List<CardQuality>();
        for (var i = 0; i < perCard.Count; i++)
        {
            var (topic, card, findings) = perCard[i];
            if (duplicates[i] is { } duplicate)
            {
                findings.Add(duplicate);
            }

            if (findings.Count == 0)
            {
                continue;
            }

            var quality = new CardQuality(new CardKey(topic.FilePath, card.Id), topic.Category, i, findings);
            foreach (var check in quality.Checks)
            {
                counts[check]++;
            }

            flagged.Add(quality);
        }

        var worst = flagged
            .OrderByDescending(c => c.Checks.Count)
            .ThenBy(c => c.Order)
            .Take(worstCount)
            .ToList();
        return new QualityReport(topics.Count, perCard.Count, cited, counts, flagged, worst, problems ?? []);
    }

    /// <summary>Reads an output directory and checks it; unreadable files end up in the report's problems.</summary>
    public static async Task<QualityReport> CheckOutputAsync(
        string outputDirectory, OutputKind kind, IReadOnlyCollection<string>? categories, CancellationToken cancellationToken)
    {
        var (topics, problems) = await ReadAllAsync(new OutputReader(outputDirectory), kind, categories, cancellationToken).ConfigureAwait(false);
        return Check(topics, problems);
    }

    /// <summary>Collects every readable topic and every problem.</summary>
    public static async Task<(List<ExportTopic> Topics, List<ExportProblem> Problems)> ReadAllAsync(
        OutputReader reader, OutputKind kind, IReadOnlyCollection<string>? categories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var topics = new List<ExportTopic>();
        var problems = new List<ExportProblem>();
        await foreach (var result in reader.ReadAsync(kind, categories, cancellationToken).ConfigureAwait(false))
        {
            problems.AddRange(result.Problems);
            if (result.Topic is not null)
            {
                topics.Add(result.Topic);
            }
        }

        return (topics, problems);
    }
}
