using System.Text;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// Splits Markdown (or plain text) into passages: a heading starts a section, and a section's paragraphs are packed
/// into passages of at most <see cref="MaxPassageChars"/>, so every passage fits whole into a generation prompt.
/// </summary>
internal static class TextSplitter
{
    /// <summary>A passage is closed once it holds this much text; the next paragraph starts a new one.</summary>
    public const int TargetPassageChars = 900;

    /// <summary>No passage is longer; a longer paragraph is cut at word boundaries.</summary>
    public const int MaxPassageChars = 1400;

    /// <summary>The passages of <paramref name="text"/>; headings (<c>#</c> lines outside code fences) only when <paramref name="markdown"/>.</summary>
    /// <param name="anchor">The anchor of text before any heading (a PDF page's <c>page=N</c>); empty by default.</param>
    /// <param name="title">The citation title of text before any heading; the file name by default.</param>
    public static IReadOnlyList<LocalPassage> Split(string file, string text, bool markdown, string anchor = "", string? title = null)
    {
        var passages = new List<LocalPassage>();
        var slugs = new Dictionary<string, int>(StringComparer.Ordinal);
        string? heading = null;
        var paragraph = new StringBuilder();
        var passage = new StringBuilder();
        var inFence = false;

        void EndPassage()
        {
            var body = passage.ToString().Trim();
            if (body.Length > 0)
            {
                passages.Add(LocalPassage.Create(file, anchor, heading is null ? title ?? file : $"{file} › {heading}", body));
            }

            passage.Clear();
        }

        void EndParagraph()
        {
            var body = paragraph.ToString().Trim();
            paragraph.Clear();
            foreach (var piece in Cut(body))
            {
                if (passage.Length > 0 && passage.Length + piece.Length + 2 > MaxPassageChars)
                {
                    EndPassage();
                }

                passage.Append(passage.Length > 0 ? "\n\n" : "").Append(piece);
                if (passage.Length >= TargetPassageChars)
                {
                    EndPassage();
                }
            }
        }

        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (markdown && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (markdown && !inFence && HeadingOf(line) is { } found)
            {
                EndParagraph();
                EndPassage();
                heading = found;
                anchor = UniqueSlug(slugs, found);
                continue;
            }

            if (line.Length == 0 && !inFence)
            {
                EndParagraph();
                continue;
            }

            paragraph.Append(paragraph.Length > 0 ? "\n" : "").Append(line);
        }

        EndParagraph();
        EndPassage();
        return passages;
    }

    /// <summary>A GitHub-style heading anchor: lower case, letters, digits, '-' and '_' kept, spaces to '-'.</summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    private static string UniqueSlug(Dictionary<string, int> seen, string heading)
    {
        var slug = Slug(heading);
        if (seen.TryGetValue(slug, out var count))
        {
            seen[slug] = count + 1;
            return $"{slug}-{count}";
        }

        seen[slug] = 1;
        return slug;
    }

    private static string? HeadingOf(string line)
    {
        var hashes = 0;
        while (hashes < line.Length && line[hashes] == '#')
        {
            hashes++;
        }

        return hashes is >= 1 and <= 6 && hashes < line.Length && line[hashes] == ' ' && line[hashes..].Trim().TrimEnd('#').Trim() is { Length: > 0 } title
            ? title
            : null;
    }

    /// <summary>A paragraph cut into pieces of at most <see cref="MaxPassageChars"/>, at the last space before the limit.</summary>
    private static IEnumerable<string> Cut(string paragraph)
    {
        var rest = paragraph;
        while (rest.Length > MaxPassageChars)
        {
            var cut = rest.LastIndexOf(' ', MaxPassageChars - 1);
            cut = cut <= 0 ? MaxPassageChars : cut;
            yield return rest[..cut].Trim();
            rest = rest[cut..].Trim();
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
