using System.Net;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Validation;

/// <summary>The text normalisation used to compare cards: HTML tags stripped, entities decoded, whitespace collapsed, lower case.</summary>
internal static partial class CardText
{
    /// <summary>Normalises card text for equality and duplicate checks; never used for what is written.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Block tags separate words ("a<br>b" is two words) while inline tags do not ("<b>Paris</b>." is "Paris.").
        var stripped = BlockTag().Replace(text, " ");
        stripped = AnyTag().Replace(stripped, string.Empty);
        var decoded = WebUtility.HtmlDecode(stripped).Replace('\u00A0', ' ');
        return Whitespace().Replace(decoded, " ").Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|hr|blockquote|pre)\b[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    // A tag must start right after '<' with a letter, '/' or '!', so prose like "a < b and c > d" survives.
    [GeneratedRegex(@"<(?:!--.*?--|/?[a-zA-Z][^<>]*)>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
