using System.Globalization;
using System.Text;

namespace PromptOptimizer.Simulator;

/// <summary>Deterministic text helpers: content depends only on the request and the seed.</summary>
internal static class SimText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "is", "it", "of", "on", "or",
        "the", "to", "what", "when", "why", "with", "vs", "into", "about", "your", "its", "this", "that",
    };

    /// <summary>FNV-1a over the UTF-16 code units, mixed with the seed; stable across processes.</summary>
    public static ulong Hash(string text, int seed)
    {
        var hash = 14695981039346656037UL ^ (uint)seed;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }

    /// <summary>Lower-case ASCII slug, words joined by '-', at most 60 characters.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        var dash = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > 60)
        {
            slug = slug[..60].TrimEnd('-');
        }

        return slug.Length == 0 ? "topic" : slug;
    }

    /// <summary>Content words of a text, in order, without duplicates.</summary>
    public static IReadOnlyList<string> ContentWords(string text) =>
        text.Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '\'', '/', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2 && !StopWords.Contains(w))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : text[..Math.Max(0, max - 1)].TrimEnd() + "…";

    /// <summary>At most <paramref name="maxWords"/> words, so cloze answers stay short.</summary>
    public static string FirstWords(string text, int maxWords) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(maxWords));

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string TitleCase(string text) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text);

    /// <summary>Roughly one token per four characters, at least one.</summary>
    public static int Tokens(int characters) => Math.Max(1, (characters + 3) / 4);
}
