using System.Text.Json.Nodes;

namespace PromptOptimizer.Bench;

/// <summary>
/// 8. Research from local sources: indexing speed and size over 10,000 pages (Markdown and PDF mixed), query time per
/// topic at 100,000 passages (target: median under 5 ms), and recall@5 on at least 100 labelled topic-to-page pairs
/// (target: 0.9). Runs <c>prompt-optimizer index --local-sources DIR [--query Q ...] --json</c>.
/// </summary>
internal static class LocalSourcesScenario
{
    public const string Name = "8-local-sources";

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        // Pages: half Markdown sections, half PDF pages; every 50th is labelled (200 pairs at full size).
        var pages = h.Size(10_000, 1_000);
        var library = h.Folder(Name, "library");
        var corpus = LocalCorpus.Write(library, pages / 2, pages / 2, pagesPerFile: 50, labelEvery: h.Size(50, 5));
        var state = h.Folder(Name, "state");
        var index = await h.CommandAsync(["index", "--local-sources", library, "--state-dir", state], cancellationToken);
        Require(index, "index");
        var probe = await QueryAsync(h, library, state, corpus.Labels.Select(l => l.Query), cancellationToken);
        var recall = corpus.Labels.Zip(probe).Count(pair => pair.Second.Sources.Take(5).Contains(pair.First.Page)) / (double)corpus.Labels.Count;

        // Query time over 100,000 passages: Markdown only (PDF writing is slow and the index does not care where a passage came from).
        var large = h.Size(100_000, 10_000);
        var largeLibrary = h.Folder(Name, "library-large");
        var largeCorpus = LocalCorpus.Write(largeLibrary, large, 0, pagesPerFile: 100, labelEvery: Math.Max(1, large / 500));
        var largeState = h.Folder(Name, "state-large");
        Require(await h.CommandAsync(["index", "--local-sources", largeLibrary, "--state-dir", largeState], cancellationToken), "index (large)");
        var timed = await QueryAsync(h, largeLibrary, largeState, largeCorpus.Labels.Select(l => l.Query), cancellationToken);
        var times = timed.Select(p => p.Milliseconds).Order().ToList();

        return
        [
            Metric.Info(Name, "pages indexed", pages),
            Metric.Info(Name, "pages/s (index)", pages / index.Wall.TotalSeconds),
            Metric.Info(Name, "index size MB", IndexBytes(state) / 1e6),
            Metric.Info(Name, "labelled pairs", corpus.Labels.Count),
            Metric.AtLeast(Name, "recall@5", recall, 0.9),
            Metric.Info(Name, "passages for query time", large),
            Metric.AtMost(Name, "query median ms", times[times.Count / 2], 5),
            Metric.Info(Name, "query p95 ms", times[(int)(times.Count * 0.95)]),
        ];
    }

    private static async Task<List<(double Milliseconds, List<string> Sources)>> QueryAsync(
        Harness h, string library, string state, IEnumerable<string> queries, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "index", "--local-sources", library, "--state-dir", state, "--search-results", "5", "--json" };
        foreach (var query in queries)
        {
            arguments.AddRange(["--query", query]);
        }

        var run = await h.CommandAsync(arguments, cancellationToken);
        Require(run, "index --query");
        return JsonNode.Parse(run.Stdout)!.AsArray()
            .Select(p => ((double)p!["milliseconds"]!, p["hits"]!.AsArray().Select(hit => (string)hit!["source"]!).ToList()))
            .ToList();
    }

    private static long IndexBytes(string state) =>
        Directory.GetFiles(Path.Combine(state, "local_sources")).Sum(f => new FileInfo(f).Length);

    private static void Require(ProcessMeasurement run, string what)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit {run.ExitCode}: {run.Stderr}");
        }
    }
}
