using System.Text;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// Turns a topic's search query into an FTS5 match expression: its distinct words, each quoted (so no word is read as
/// query syntax), joined by OR, without the stop words that would match nearly every passage.
/// </summary>
internal static class FtsQuery
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "in", "into", "is", "it", "its", "of", "on", "or",
        "that", "the", "their", "this", "to", "vs", "was", "what", "when", "where", "which", "who", "why", "with", "you", "your",
    };

    /// <summary>The match expression, or empty when the query has no searchable word.</summary>
    public static string From(string query) => string.Join(" OR ", Words(query).Select(w => "\"" + w + "\""));

    /// <summary>The query's searchable words: distinct, lower case, letters and digits, no stop words or single characters.</summary>
    public static IReadOnlyList<string> Words(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 1 && !StopWords.Contains(word.ToString()) && !words.Contains(word.ToString()))
            {
                words.Add(word.ToString());
            }

            word.Clear();
        }

        return words;
    }

    /// <summary>
    /// A word's rough stem for counting matches: its first five letters (a trailing 's' dropped from shorter words), so
    /// "validate" and "validation", or "key" and "keys", count once, as the Porter stemmer of the index matched them.
    /// </summary>
    public static string RoughStem(string word)
    {
        var lower = word.ToLowerInvariant();
        return lower.Length > 5 ? lower[..5] : lower.Length > 3 ? lower.TrimEnd('s') : lower;
    }
}
