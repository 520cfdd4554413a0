using System.Globalization;
using System.Text.RegularExpressions;
using PromptOptimizer.Cards;
using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>The per-card quality checks (everything except duplicates), with the thresholds of <see cref="CardLimits"/>.</summary>
internal static partial class CardRules
{
    /// <summary>Adds the findings of every per-card check to <paramref name="findings"/>.</summary>
    public static void Check(ExportTopic topic, Flashcard card, List<QualityFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(findings);
        var cloze = CardText.IsCloze(card.Type);
        if (!cloze && !CardText.IsBasic(card.Type))
        {
            findings.Add(new(QualityCheck.UnknownType, $"type '{card.Type}' is neither basic nor cloze"));
        }

        if (cloze)
        {
            CheckCloze(card, findings);
        }
        else
        {
            CheckBasic(card, findings);
        }

        if (card.Back.Length > CardLimits.MaxBackChars)
        {
            findings.Add(new(QualityCheck.BackTooLong, $"answer has {card.Back.Length} characters (limit {CardLimits.MaxBackChars})"));
        }

        CheckJunk(card, cloze, findings);
        CheckCitations(topic, card, findings);
    }

    private static void CheckBasic(Flashcard card, List<QualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(card.Front) || string.IsNullOrWhiteSpace(card.Back))
        {
            findings.Add(new(QualityCheck.MissingField, string.IsNullOrWhiteSpace(card.Front) ? "front is empty" : "back is empty"));
        }

        CheckFrontLength(card.Front, findings);
        var words = CardText.WordCount(card.Front);
        if (words is > 0 and < CardLimits.MinQuestionWords)
        {
            findings.Add(new(QualityCheck.QuestionTooShort, $"question has {words} word(s) (minimum {CardLimits.MinQuestionWords})"));
        }

        var questionMarks = card.Front.Count(c => c is '?' or '？');
        if (questionMarks > 1)
        {
            findings.Add(new(QualityCheck.MultipleQuestions, $"front asks {questionMarks} questions"));
        }

        if (CardText.HasList(card.Back))
        {
            findings.Add(new(QualityCheck.ListInAnswer, "answer is a list; split it into one card per item or use clozes"));
        }

        var back = " " + CardText.Normalize(card.Back) + " ";
        var ands = CountOf(back, " and ");
        if (ands >= 2 || back.Contains(", and ", StringComparison.Ordinal) || back.Contains(';', StringComparison.Ordinal))
        {
            findings.Add(new(QualityCheck.JoinedFacts, "answer joins several facts; keep one fact per card"));
        }

        var front = CardText.TokenKey(card.Front);
        var answer = CardText.TokenKey(card.Back);
        if (front.Length > 0 && (answer == front || (front.Length >= 12 && answer.Contains(front, StringComparison.Ordinal))))
        {
            findings.Add(new(QualityCheck.BackRepeatsFront, "answer repeats the question"));
        }

        if (VaguePattern().IsMatch(front))
        {
            findings.Add(new(QualityCheck.VagueFront, "question cannot be answered without context"));
        }
    }

    private static void CheckCloze(Flashcard card, List<QualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(card.Text))
        {
            findings.Add(new(QualityCheck.MissingField, "cloze text is empty"));
            return;
        }

        var error = ClozeSyntax.Problem(card.Text);
        if (error is not null)
        {
            findings.Add(new(QualityCheck.ClozeSyntax, error));
        }

        var deletions = ClozeSyntax.Parse(card.Text);
        if (deletions.Count > CardLimits.MaxClozes)
        {
            findings.Add(new(QualityCheck.TooManyClozes, $"{deletions.Count} deletions (limit {CardLimits.MaxClozes})"));
        }

        foreach (var deletion in deletions)
        {
            var words = CardText.WordCount(deletion.Answer);
            if (words > CardLimits.MaxClozeAnswerWords)
            {
                findings.Add(new(QualityCheck.LongClozeAnswer,
                    $"c{deletion.Number.ToString(CultureInfo.InvariantCulture)} answer has {words} words (limit {CardLimits.MaxClozeAnswerWords})"));
                break;
            }
        }

        CheckFrontLength(ClozeSyntax.Reveal(card.Text), findings);
    }

    private static void CheckFrontLength(string front, List<QualityFinding> findings)
    {
        var words = CardText.WordCount(front);
        if (front.Length > CardLimits.MaxFrontChars || words > CardLimits.MaxFrontWords)
        {
            findings.Add(new(QualityCheck.FrontTooLong,
                $"question has {front.Length} characters and {words} words (limits {CardLimits.MaxFrontChars} and {CardLimits.MaxFrontWords})"));
        }
    }

    private static void CheckJunk(Flashcard card, bool cloze, List<QualityFinding> findings)
    {
        foreach (var text in cloze ? [card.Text ?? "", card.Back] : (string[])[card.Front, card.Back])
        {
            var marker = PlaceholderPattern().Match(text);
            if (marker.Success)
            {
                findings.Add(new(QualityCheck.Placeholder, $"placeholder '{marker.Value}'"));
                return;
            }
        }
    }

    private static void CheckCitations(ExportTopic topic, Flashcard card, List<QualityFinding> findings)
    {
        if (card.SourceIds.Count == 0)
        {
            findings.Add(new(QualityCheck.NoCitation, "card cites no source"));
            return;
        }

        var unknown = card.SourceIds.Where(id => topic.FindSource(id) is null).ToList();
        if (unknown.Count > 0)
        {
            findings.Add(new(QualityCheck.UnknownSource, $"cites {string.Join(", ", unknown)} not among the file's sources"));
        }
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"\b(TODO|TBD|FIXME)\b|(?i:lorem ipsum)|\.\.\.|…", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    // Applied to the token key (lower case, punctuation dropped).
    [GeneratedRegex(@"^((what|who|which) (is|are|was|were|does|do) (this|that|it|these|those)( mean| do| about)?|(explain|describe|define|summarize) (this|that|it|these|those)|what about (this|that|it))$", RegexOptions.CultureInvariant)]
    private static partial Regex VaguePattern();
}
