using System.Globalization;

namespace PromptOptimizer.LocalSources;

/// <summary>What a query finds in a library and how long the search took (<c>index --query</c>, the benchmark).</summary>
/// <param name="Hits">The best passages, best first, relevant or not; research uses the relevant ones.</param>
internal sealed record QueryProbe(string Query, double Milliseconds, IReadOnlyList<QueryHit> Hits)
{
    /// <summary>One line: the query, its time and each hit with its score.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Query} ({Milliseconds:0.###} ms): {string.Join(", ", Hits.Select(h => $"{h.Source} {h.Score:0.##}{(h.Relevant ? "" : " (not relevant)")}"))}");
}
