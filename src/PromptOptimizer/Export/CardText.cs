using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>Text views of a card used by the quality checks: normalised text, word tokens and counts.</summary>
internal static partial class CardText
{
    public static bool IsCloze(Flashcard card) => string.Equals(card.Type, "cloze", StringComparison.OrdinalIgnoreCase);

    public static bool IsBasic(Flashcard card) => string.Equals(card.Type, "basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>What the learner is asked: the front, or the cloze text with its answers revealed.</summary>
    public static string Prompt(Flashcard card) => IsCloze(card) ? ClozeSyntax.Reveal(card.Text) : card.Front;

    /// <summary>HTML tags dropped, entities decoded, whitespace collapsed, lower case.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        // Most card text holds no markup; skip the regex and the decoder then.
        var decoded = text.AsSpan().IndexOfAny('<', '&') < 0 ? text : WebUtility.HtmlDecode(TagPattern().Replace(text, " "));
        var builder = new StringBuilder(decoded.Length);
        var space = false;
        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Lower-case runs of letters and digits, in order (with repeats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        // Markup is rare in cards: only then pay for tag removal and entity decoding.
        var plain = text.AsSpan().IndexOfAny('<', '&') < 0 ? text : WebUtility.HtmlDecode(TagPattern().Replace(text, " "));
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

    [GeneratedRegex(@"<[A-Za-z/!][^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
