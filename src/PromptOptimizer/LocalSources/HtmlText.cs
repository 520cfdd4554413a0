using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// The main text of an HTML page, parsed with AngleSharp (never with regular expressions): navigation, scripts and
/// page chrome are dropped, and the text of <c>main</c> (else <c>article</c>, else the body) becomes Markdown-like
/// text, headings as <c>#</c> lines, so it is split like a note.
/// </summary>
internal static partial class HtmlText
{
    private const string Chrome = "script,style,noscript,template,nav,header,footer,aside,form,iframe,svg";
    private const string Blocks = "h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,dd,dt,td,th,figcaption";

    public static string ToMarkdown(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(Chrome).ToList())
        {
            element.Remove();
        }

        var root = document.QuerySelector("main") ?? document.QuerySelector("article") ?? document.Body;
        if (root is null)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var block in root.QuerySelectorAll(Blocks))
        {
            // A block inside another block (a paragraph in a list item) is already part of the outer one's text.
            if (block.ParentElement?.Closest(Blocks) is { } outer && root.Contains(outer))
            {
                continue;
            }

            var content = Spaces().Replace(block.TextContent, " ").Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var level = block.LocalName is ['h', >= '1' and <= '6'] ? block.LocalName[1] - '0' : 0;
            text.Append(level > 0 ? new string('#', level) + " " : "").Append(content).Append("\n\n");
        }

        return text.Length > 0 ? text.ToString() : Spaces().Replace(root.TextContent, " ").Trim();
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
