using System.Globalization;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Validation;

/// <summary>Checks Anki cloze text: <c>{{c1::answer}}</c> or <c>{{c1::answer::hint}}</c>, numbered from 1 without gaps.</summary>
internal static partial class ClozeSyntax
{
    /// <summary>Null when the text is valid cloze, otherwise what is wrong (without the card number).</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = Deletion().Matches(text);
        if (matches.Count == 0)
        {
            return "text has no {{c1::answer}} deletion";
        }

        var numbers = new SortedSet<int>();
        foreach (Match match in matches)
        {
            // Digits too long for an int are treated as 0 so they fail the numbering check below.
            numbers.Add(int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        }

        if (numbers.Min != 1 || numbers.Max != numbers.Count)
        {
            return "cloze numbers must run c1, c2, ... without gaps, got "
                + string.Join(", ", numbers.Select(n => "c" + n.ToString(CultureInfo.InvariantCulture)));
        }

        var rest = Deletion().Replace(text, string.Empty);
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
        {
            return "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion";
        }

        return null;
    }

    [GeneratedRegex(@"\{\{c(\d+)::([^}]+?)(::[^}]*)?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Deletion();
}
