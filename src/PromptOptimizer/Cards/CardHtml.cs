using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Cards;

/// <summary>
/// Card text as HTML: plain text escaped into an Anki field, and markup stripped back to the visible text. This is the
/// only tag stripper, so the text that cards are compared on and Anki's sort field and checksum agree on what a tag is.
/// </summary>
internal static partial class CardHtml
{
    /// <summary>Escapes <c>&amp; &lt; &gt; "</c> so plain text shows literally in an HTML field.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("&<>\"") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Plain text to field HTML: escaped, with line breaks as <c>&lt;br&gt;</c> so they survive rendering.</summary>
    public static string FromPlainText(string text) =>
        Escape(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>Field HTML written by <see cref="FromPlainText"/> back to plain text (used to read exports back).</summary>
    public static string ToPlainText(string html) =>
        WebUtility.HtmlDecode(html.Replace("<br>", "\n", StringComparison.Ordinal));

    /// <summary>
    /// Anki's stripping, for the sort field and checksum: comments, style/script blocks and tags dropped without a
    /// trace, entities decoded, a no-break space turned into a space.
    /// </summary>
    public static string Strip(string html) => Strip(html, blocksSeparateWords: false);

    /// <summary>
    /// The visible text cards are compared on: as <see cref="Strip(string)"/>, except that a block tag becomes a space,
    /// because it separates words (<c>a&lt;br&gt;b</c> is two words) where an inline tag does not
    /// (<c>&lt;b&gt;Paris&lt;/b&gt;.</c> is <c>Paris.</c>).
    /// </summary>
    public static string VisibleText(string html) => Strip(html, blocksSeparateWords: true);

    private static string Strip(string html, bool blocksSeparateWords)
    {
        ArgumentNullException.ThrowIfNull(html);

        // Most card text holds no markup; the regexes and the decoder could not change it then.
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return html.Replace('\u00A0', ' ');
        }

        var text = blocksSeparateWords ? BlockTag().Replace(html, " ") : html;
        return WebUtility.HtmlDecode(Markup().Replace(text, string.Empty)).Replace('\u00A0', ' ');
    }

    [GeneratedRegex(@"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|hr|blockquote|pre)\b[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    // A tag must start right after '<' with a letter or '/', so prose like "a < b and c > d" survives.
    [GeneratedRegex(@"<!--.*?-->|<(style|script)\b[^>]*>.*?</\1\s*>|</?[a-zA-Z][^<>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Markup();
}
