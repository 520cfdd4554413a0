using System.Globalization;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Validation;

/// <summary>Checks Anki cloze text: <c>{{c1::answer}}</c> or <c>{{c1::answer::hint}}</c>, numbered from 1 without gaps.</summary>
internal static partial class ClozeSyntax
{
    /// <summary>Where the digits of a deletion start: after <c>{{c</c>.</summary>
    private const int NumberOffset = 3;

    /// <summary>Null when the text is valid cloze, otherwise what is wrong (without the card number).</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Runs for every cloze card, so the matches are walked without Match objects or a second regex pass.
        var numbers = new List<int>();
        int min = int.MaxValue, max = int.MinValue, openInside = 0, closeInside = 0;
        foreach (var match in Deletion().EnumerateMatches(text))
        {
            // The pattern's (\d+) is the whole run of \d (char.IsDigit) after "{{c", since ':' must follow it.
            var digits = text.AsSpan(match.Index + NumberOffset);
            var length = 0;
            while (length < digits.Length && char.IsDigit(digits[length]))
            {
                length++;
            }

            // Digits too long for an int are treated as 0 so they fail the numbering check below.
            var n = int.TryParse(digits[..length], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            if (!numbers.Contains(n))
            {
                numbers.Add(n);
                min = Math.Min(min, n);
                max = Math.Max(max, n);
            }

            var span = text.AsSpan(match.Index, match.Length);
            openInside += span.Count('{');
            closeInside += span.Count('}');
        }

        if (numbers.Count == 0)
        {
            return "text has no {{c1::answer}} deletion";
        }

        if (min != 1 || max != numbers.Count)
        {
            return "cloze numbers must run c1, c2, ... without gaps, got "
                + string.Join(", ", numbers.Order().Select(number => "c" + number.ToString(CultureInfo.InvariantCulture)));
        }

        // What is left once the deletions are removed can only hold "{{" or "}}" with two braces of a kind left.
        if (text.AsSpan().Count('{') - openInside < 2 && text.AsSpan().Count('}') - closeInside < 2)
        {
            return null;
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
