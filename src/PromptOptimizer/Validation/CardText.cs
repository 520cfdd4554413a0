using System.Buffers;
using System.Net;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Validation;

/// <summary>The text normalisation used to compare cards: HTML tags stripped, entities decoded, whitespace collapsed, lower case.</summary>
internal static partial class CardText
{
    /// <summary>'&lt;', '&amp;' and every whitespace character but the space (<c>\s</c> is <see cref="char.IsWhiteSpace(char)"/>, NBSP included).</summary>
    private static readonly SearchValues<char> NotPlain = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => c is '<' or '&' || (c != ' ' && char.IsWhiteSpace(c))).ToArray());

    /// <summary>Normalises card text for equality and duplicate checks; never used for what is written.</summary>
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
    internal static string NormalizeMarkup(string text)
    {
        // Block tags separate words ("a<br>b" is two words) while inline tags do not ("<b>Paris</b>." is "Paris.").
        var stripped = BlockTag().Replace(text, " ");
        stripped = AnyTag().Replace(stripped, string.Empty);
        var decoded = WebUtility.HtmlDecode(stripped).Replace('\u00A0', ' ');
        return Whitespace().Replace(decoded, " ").Trim().ToLowerInvariant();
    }

    /// <summary>
    /// True when no tag or entity can start ('&lt;', '&amp;') and the only whitespace is single U+0020 spaces: then the
    /// tag regexes and the decoder leave the text alone and collapsing whitespace changes nothing.
    /// </summary>
    internal static bool IsPlain(string text) => text.AsSpan().IndexOfAny(NotPlain) < 0 && !text.Contains("  ", StringComparison.Ordinal);

    [GeneratedRegex(@"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|hr|blockquote|pre)\b[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    // A tag must start right after '<' with a letter, '/' or '!', so prose like "a < b and c > d" survives.
    [GeneratedRegex(@"<(?:!--.*?--|/?[a-zA-Z][^<>]*)>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
