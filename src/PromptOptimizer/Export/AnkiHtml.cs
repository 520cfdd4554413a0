using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Export;

/// <summary>Anki's field rules: fields are HTML, the sort field and checksum use the tag-stripped text.</summary>
internal static partial class AnkiHtml
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

    /// <summary>Anki's stripping: drops comments, style/script blocks and tags, decodes entities, <c>&amp;nbsp;</c> becomes a space.</summary>
    public static string Strip(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var withoutBlocks = BlockPattern().Replace(html, "");
        var withoutTags = TagPattern().Replace(withoutBlocks, "");
        return WebUtility.HtmlDecode(withoutTags.Replace("&nbsp;", " ", StringComparison.OrdinalIgnoreCase)).Replace('\u00a0', ' ');
    }

    /// <summary>The <c>csum</c> column: the first 4 bytes of SHA-1 of the stripped text as a big-endian integer.</summary>
    public static long Checksum(string strippedText)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // Anki's file format defines csum with SHA-1; it is a duplicate hint, not security.
        SHA1.HashData(Encoding.UTF8.GetBytes(strippedText), hash);
#pragma warning restore CA5350
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    [GeneratedRegex(@"<!--.*?-->|<(style|script)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
