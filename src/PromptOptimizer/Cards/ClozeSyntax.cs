using System.Globalization;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Cards;

/// <summary>
/// Anki cloze markup, <c>{{c1::answer}}</c> or <c>{{c1::answer::hint}}</c>, and the one rule for its syntax, which
/// validation (rejecting a card) and the quality report (flagging it) share: at least one deletion, numbers running c1,
/// c2, ... without gaps, every answer non-blank, and nothing outside a well-formed deletion that starts or ends one
/// (which also rules out nested and unterminated deletions).
/// </summary>
internal static partial class ClozeSyntax
{
    /// <summary>Every well-formed deletion, in text order; a number that is not an int reads as 0, which no numbering accepts.</summary>
    public static IReadOnlyList<ClozeDeletion> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var deletions = new List<ClozeDeletion>();
        foreach (Match match in Deletion().Matches(text))
        {
            var number = int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var hint = match.Groups[3].Success ? match.Groups[3].Value[2..] : null;
            deletions.Add(new ClozeDeletion(number, match.Groups[2].Value, hint));
        }

        return deletions;
    }

    /// <summary>The distinct deletion numbers above zero, ascending: each becomes one Anki card (<c>ord = N - 1</c>).</summary>
    public static IReadOnlyList<int> CardNumbers(string? text) =>
        Parse(text).Select(d => d.Number).Where(n => n > 0).Distinct().Order().ToList();

    /// <summary>Null when the text is valid cloze, otherwise what is wrong (without the card number).</summary>
    public static string? Problem(string? text)
    {
        var deletions = Parse(text);
        if (deletions.Count == 0)
        {
            return "text has no {{c1::answer}} deletion";
        }

        var numbers = deletions.Select(d => d.Number).Distinct().Order().ToList();
        if (numbers[0] != 1 || numbers[^1] != numbers.Count)
        {
            return "cloze numbers must run c1, c2, ... without gaps, got "
                + string.Join(", ", numbers.Select(number => "c" + number.ToString(CultureInfo.InvariantCulture)));
        }

        if (deletions.Any(d => string.IsNullOrWhiteSpace(d.Answer)))
        {
            return "a deletion has an empty answer";
        }

        var rest = Deletion().Replace(text!, string.Empty);
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
        {
            return "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion";
        }

        // A deletion's answer may hold single braces but not the start of another deletion ({{c1::a {{c2::b}}).
        if (Opening().Count(text!) != deletions.Count)
        {
            return "text has a nested or unterminated deletion; write each as {{cN::answer}}, none inside another";
        }

        return null;
    }

    /// <summary>The text as the answer side reads it: each deletion replaced by its answer.</summary>
    public static string Reveal(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Deletion().Replace(text, m => m.Groups[2].Value);

    /// <summary>
    /// The text rebuilt piece by piece: each well-formed deletion through <paramref name="deletion"/>, the text between
    /// deletions through <paramref name="plain"/> (so a caller can escape one and mark up the other).
    /// </summary>
    public static string Render(string? text, Func<string, string> plain, Func<ClozeDeletion, string> deletion)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(deletion);
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new System.Text.StringBuilder(text.Length + 32);
        var at = 0;
        foreach (Match match in Deletion().Matches(text))
        {
            builder.Append(plain(text[at..match.Index]));
            var number = int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            builder.Append(deletion(new ClozeDeletion(number, match.Groups[2].Value, match.Groups[3].Success ? match.Groups[3].Value[2..] : null)));
            at = match.Index + match.Length;
        }

        return builder.Append(plain(text[at..])).ToString();
    }

    [GeneratedRegex(@"\{\{c(\d+)::([^}]+?)(::[^}]*)?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Deletion();

    // Anything that starts like a deletion, including ones the strict pattern rejects ({{c1:x}}, {{ c1::x}}, {{C1::x}}).
    [GeneratedRegex(@"\{\{\s*c\d*\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Opening();
}
