using System.Globalization;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Export;

/// <summary>Reads Anki cloze markup (<c>{{c1::answer}}</c>, <c>{{c2::answer::hint}}</c>).</summary>
internal static partial class ClozeSyntax
{
    /// <summary>Every well-formed deletion, in text order.</summary>
    public static IReadOnlyList<ClozeDeletion> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var deletions = new List<ClozeDeletion>();
        foreach (Match match in DeletionPattern().Matches(text))
        {
            if (int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                var hint = match.Groups[3].Success ? match.Groups[3].Value[2..] : null;
                deletions.Add(new ClozeDeletion(number, match.Groups[2].Value, hint));
            }
        }

        return deletions;
    }

    /// <summary>The distinct deletion numbers above zero, ascending: each becomes one Anki card (<c>ord = N - 1</c>).</summary>
    public static IReadOnlyList<int> CardNumbers(string? text) =>
        Parse(text).Select(d => d.Number).Where(n => n > 0).Distinct().Order().ToList();

    /// <summary>Why a cloze text is malformed, or null when Anki can make cards from it.</summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "cloze card has no text";
        }

        var deletions = Parse(text);
        if (deletions.Count == 0)
        {
            return "cloze text has no {{cN::...}} deletion";
        }

        var openings = OpeningPattern().Count(text);
        if (openings != deletions.Count)
        {
            return "cloze text has a malformed deletion (expected {{cN::answer}})";
        }

        if (deletions.Any(d => string.IsNullOrWhiteSpace(d.Answer)))
        {
            return "cloze deletion has an empty answer";
        }

        var numbers = deletions.Select(d => d.Number).Distinct().Order().ToList();
        for (var i = 0; i < numbers.Count; i++)
        {
            if (numbers[i] != i + 1)
            {
                return $"cloze numbers must run from c1 without gaps, found {string.Join(", ", numbers.Select(n => "c" + n.ToString(CultureInfo.InvariantCulture)))}";
            }
        }

        return null;
    }

    /// <summary>The text as the answer side reads it: each deletion replaced by its answer.</summary>
    public static string Reveal(string? text) =>
        string.IsNullOrEmpty(text) ? "" : DeletionPattern().Replace(text, m => m.Groups[2].Value);

    [GeneratedRegex(@"\{\{c(\d+)::([^}]+?)(::[^}]*)?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DeletionPattern();

    // Anything that starts like a deletion, to find ones the strict pattern rejects ({{c1:x}}, {{c1::x}, {{ c1::x}}).
    [GeneratedRegex(@"\{\{\s*c\d*\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OpeningPattern();
}
