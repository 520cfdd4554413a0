using System.Globalization;

namespace PromptOptimizer.Simulator;

/// <summary>Deterministic search hits: the same query, index and seed always give the same hit.</summary>
internal static class SearchResultFactory
{
    private static readonly string[] Aspects =
    [
        "An overview", "A practical guide", "Common mistakes", "Background notes", "Field report",
        "Reference summary", "Lessons learned", "Frequently asked questions",
    ];

    private static readonly string[] Authors =
    [
        "Ada Reyes", "Jonas Berg", "Mei Tanaka", "Samuel Okafor", "Priya Nair", "Lena Vogel", "Tomás Silva",
    ];

    private static readonly string[] Sentences =
    [
        "{Q} is discussed here in practical terms, with attention to {w1} as well as {w2}.",
        "Practitioners working on {w0} usually start by understanding how {w1} behaves under real conditions.",
        "A common pitfall with {w0} is treating {w2} as an afterthought rather than a design constraint.",
        "This page summarises evidence about {q} collected from several independent reports (part {n}).",
        "Experts recommend reviewing {w1} regularly because assumptions about {w0} change over time.",
        "Case studies show that careful handling of {w2} reduces the cost of mistakes involving {w0}.",
        "Measured results suggest that {w0} depends more on {w1} than most newcomers expect.",
    ];

    public static IReadOnlyList<SimSearchResult> Create(string query, int count, int seed) =>
        Enumerable.Range(0, count).Select(i => CreateOne(query, i, seed)).ToList();

    public static SimSearchResult CreateOne(string query, int index, int seed)
    {
        var trimmed = query.Trim();
        var hash = SimText.Hash(trimmed + "#" + index.ToString(CultureInfo.InvariantCulture), seed);
        // Padding keeps the three word slots distinct for one- or two-word queries.
        var words = SimText.ContentWords(trimmed).Concat(["practice", "tooling", "review"]).Take(Math.Max(3, SimText.ContentWords(trimmed).Count)).ToList();
        string Word(int k) => words[(k + index) % words.Count];

        // Stepping by 3 through 7 templates (coprime) yields 4 distinct sentences.
        var start = (int)(hash % (ulong)Sentences.Length);
        var sentences = Enumerable.Range(0, 4)
            .Select(k => Sentences[(start + (3 * k)) % Sentences.Length])
            .Select(template => template
                .Replace("{Q}", SimText.Capitalize(trimmed), StringComparison.Ordinal)
                .Replace("{q}", trimmed, StringComparison.Ordinal)
                .Replace("{w0}", Word(0), StringComparison.Ordinal)
                .Replace("{w1}", Word(1), StringComparison.Ordinal)
                .Replace("{w2}", Word(2), StringComparison.Ordinal)
                .Replace("{n}", (index + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .ToList();

        // Every third hit lacks one of the optional fields, as real Exa results often do.
        var title = index % 3 == 2 ? null : $"{SimText.TitleCase(trimmed)}: {Aspects[(int)(hash % (ulong)Aspects.Length)]}";
        var published = index % 3 == 1
            ? null
            : new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc)
                .AddDays((double)(hash % 3650))
                .AddSeconds((double)((hash >> 20) % 86400))
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var author = index % 3 == 0 ? null : Authors[(int)((hash >> 12) % (ulong)Authors.Length)];
        var score = Math.Round(0.92 - (0.03 * index) - ((hash >> 40) % 100 / 10000.0), 4);

        return new SimSearchResult(
            $"https://sim.example/{SimText.Slug(trimmed)}/{index.ToString(CultureInfo.InvariantCulture)}",
            title,
            published,
            author,
            Math.Max(0.01, score),
            string.Join(' ', sentences),
            [sentences[0], sentences[2]]);
    }
}
