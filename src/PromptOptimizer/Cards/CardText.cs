using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Cards;

/// <summary>
/// Card text as the checks read it rather than as it is shown: the normalised form (exact duplicates, a back that
/// repeats its front), word tokens (near duplicates), counts and list markers. Markup is always read through
/// <see cref="CardHtml.VisibleText"/>, so validation, duplicate detection and the quality report see the same text.
/// </summary>
internal static partial class CardText
{
    /// <summary>'&lt;', '&amp;' and every whitespace character but the space (<c>\s</c> is <see cref="char.IsWhiteSpace(char)"/>, NBSP included).</summary>
    private static readonly SearchValues<char> NotPlain = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => c is '<' or '&' || (c != ' ' && char.IsWhiteSpace(c))).ToArray());

    public static bool IsCloze(string? type) => string.Equals(type, "cloze", StringComparison.OrdinalIgnoreCase);

    public static bool IsBasic(string? type) => string.Equals(type, "basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>What the learner is asked: the front, or the cloze text with its answers revealed.</summary>
    public static string Prompt(string? type, string front, string? clozeText) => IsCloze(type) ? ClozeSyntax.Reveal(clozeText) : front;

    /// <summary>HTML tags stripped, entities decoded, whitespace collapsed, lower case; for comparing, never for what is written.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Most card text is plain prose, where the full path below reduces to Trim + ToLowerInvariant; it runs for
        // every card several times, so the regexes and the decoder are skipped when they could not change anything.
        return IsPlain(text) ? text.Trim().ToLowerInvariant() : NormalizeMarkup(text);
    }

    /// <summary>The full normalisation, whatever the text holds.</summary>
    internal static string NormalizeMarkup(string text) =>
        Whitespace().Replace(CardHtml.VisibleText(text), " ").Trim().ToLowerInvariant();

    /// <summary>
    /// True when no tag or entity can start ('&lt;', '&amp;') and the only whitespace is single U+0020 spaces: then the
    /// stripping leaves the text alone and collapsing whitespace changes nothing.
    /// </summary>
    internal static bool IsPlain(string text) => text.AsSpan().IndexOfAny(NotPlain) < 0 && !text.Contains("  ", StringComparison.Ordinal);

    /// <summary>Lower-case runs of letters and digits of the visible text, in order (with repeats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var plain = CardHtml.VisibleText(text);
        Span<char> buffer = stackalloc char[128];
        var length = 0;
        var longToken = (StringBuilder?)null;
        for (var i = 0; i <= plain.Length; i++)
        {
            if (i < plain.Length && char.IsLetterOrDigit(plain[i]))
            {
                var c = char.ToLowerInvariant(plain[i]);
                if (longToken is not null)
                {
                    longToken.Append(c);
                }
                else if (length < buffer.Length)
                {
                    buffer[length++] = c;
                }
                else
                {
                    longToken = new StringBuilder().Append(buffer).Append(c);
                }

                continue;
            }

            if (longToken is not null)
            {
                tokens.Add(longToken.ToString());
                longToken = null;
                length = 0;
            }
            else if (length > 0)
            {
                tokens.Add(new string(buffer[..length]));
                length = 0;
            }
        }

        return tokens;
    }

    /// <summary>The tokens joined by single spaces: text compared without case, markup or punctuation.</summary>
    public static string TokenKey(string? text) => string.Join(' ', Tokens(text));

    /// <summary>Whitespace-separated words.</summary>
    public static int WordCount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Token-set Jaccard similarity of two texts (1 when both are empty).</summary>
    public static double Jaccard(string? a, string? b)
    {
        var left = Tokens(a).ToHashSet(StringComparer.Ordinal);
        var right = Tokens(b).ToHashSet(StringComparer.Ordinal);
        if (left.Count == 0 && right.Count == 0)
        {
            return 1;
        }

        var intersection = left.Count(right.Contains);
        return (double)intersection / (left.Count + right.Count - intersection);
    }

    /// <summary>A line starting with <c>-</c>, <c>*</c>, <c>•</c>, <c>1.</c> or <c>1)</c> and then text, or HTML list markup.</summary>
    public static bool HasList(string text)
    {
        if (text.Contains("<li", StringComparison.OrdinalIgnoreCase) || text.Contains("<ul", StringComparison.OrdinalIgnoreCase)
            || text.Contains("<ol", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.TrimStart();
            var marker = line.Length > 0 && line[0] is '-' or '*' or '•' ? 1 : 0;
            if (marker == 0)
            {
                var digits = 0;
                while (digits < line.Length && digits < 3 && char.IsAsciiDigit(line[digits]))
                {
                    digits++;
                }

                marker = digits is 1 or 2 && digits < line.Length && line[digits] is '.' or ')' ? digits + 1 : 0;
            }

            if (marker > 0 && marker + 1 < line.Length && char.IsWhiteSpace(line[marker]) && !line[(marker + 1)..].IsWhiteSpace())
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
