namespace PromptOptimizer.LocalSources;

/// <summary>How a library is indexed and searched; validated once, at construction.</summary>
internal sealed record LocalSourceOptions
{
    /// <summary>The default relevance threshold: see <see cref="MinScore"/>.</summary>
    public const double DefaultMinScore = 4.0;

    public LocalSourceOptions(int results = 5, double minScore = DefaultMinScore, long maxFileBytes = 64L * 1024 * 1024)
    {
        if (results < 1)
        {
            throw new ArgumentException("Results must be at least 1.", nameof(results));
        }

        if (!(minScore >= 0) || double.IsInfinity(minScore))
        {
            throw new ArgumentException("MinScore must be finite and not negative.", nameof(minScore));
        }

        if (maxFileBytes < 1)
        {
            throw new ArgumentException("MaxFileBytes must be at least 1.", nameof(maxFileBytes));
        }

        (Results, MinScore, MaxFileBytes) = (results, minScore, maxFileBytes);
    }

    /// <summary>Passages handed to generation per topic (<c>--search-results</c>).</summary>
    public int Results { get; }

    /// <summary>
    /// The least relevance (the negated <c>bm25()</c> score) a passage needs to be a source (it must also share two of
    /// the query's words, see <see cref="ScoredPassage.IsRelevant"/>). A passage sharing a word or two in passing
    /// scores below it; one about the topic scores well above.
    /// </summary>
    public double MinScore { get; }

    /// <summary>Files larger than this are skipped with a warning, before they are read.</summary>
    public long MaxFileBytes { get; }
}
