using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PromptOptimizer.Bench;

/// <summary>
/// 9. The review page over 100,000 cards: how long <c>serve</c> takes to build its card index, how soon after start a
/// restarted <c>serve</c> answers the first cards page, and how fast a review keystroke and a search are answered.
/// </summary>
internal static class ReviewScenario
{
    public const string Name = "9-review";

    /// <summary>A fast reviewer's pace; the index looks at the output directory every 2 s in the background, so about one keystroke in eight overlaps that look.</summary>
    private static readonly TimeSpan KeystrokeGap = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// What a reviewer types into the search box: words in most cards (every card names a system and a stage; seven in ten
    /// say "queues stay bounded"), in an eighth of them (a subject, a verb), and in a handful or none (one system).
    /// </summary>
    private static readonly string[] SearchQueries =
    [
        "bounded queue", "stage", "system", "slowest consumer", "load spikes", "consumers of stage", "back-pressure", "circuit breaker",
        "retry budget", "a cache", "lease", "checkpoint sheds", "partition replays", "system 4242", "system 77 stage 3", "system 9999",
        "system 123 matter", "a lease in system 5000", "isolates the consumers of stage 8", "xylophone",
    ];

    private const int SearchRounds = 3;

    public static async Task<List<Metric>> RunAsync(Harness h, CancellationToken cancellationToken)
    {
        var topicCount = h.Size(10_000, 1000);
        var decisions = h.Size(200, 60);
        var topics = h.Topics(Name, topicCount);
        var output = h.Folder(Name, "output");
        var state = h.Folder(Name, "state");
        var clock = Stopwatch.StartNew();
        ReviewCardFiles.Write(output, topics);
        h.Log.WriteLine($"  wrote {topicCount * ReviewCardFiles.CardsPerTopic:N0} cards in {topicCount:N0} output files in {clock.Elapsed.TotalSeconds:0.0}s; adopting them");
        var adopt = await h.CommandAsync(["--flashcards", "--use-web-plugin", "--provider", "sim", "--force", "--plain",
            "--topics-dir", topics.Root, "--output-dir", output, "--state-dir", state, "--limit", "1"], cancellationToken);
        h.Log.WriteLine(FormattableString.Invariant($"  adopting run: exit {adopt.ExitCode}, wall {adopt.Wall.TotalSeconds:0.00}s"));
        string[] serveArguments = ["--state-dir", state, "--output-dir", output, "--topics-dir", topics.Root];

        // Cold: no card index yet, so the first request that needs it reads every output file.
        double indexBuild, firstTreeBytes;
        int coldExit;
        string coldStderr;
        await using (var cold = await ServeProcess.StartAsync(h.Cli, serveArguments, cancellationToken))
        {
            firstTreeBytes = (await cold.GetAsync("/api/tree?mode=flashcards", cancellationToken)).Length;
            indexBuild = cold.Clock.Elapsed.TotalSeconds;
            (coldExit, coldStderr) = await cold.StopAsync(cancellationToken);
        }

        h.Log.WriteLine(FormattableString.Invariant($"  cold serve: index built and first tree answered {indexBuild:0.00}s after start; SIGTERM exit {coldExit}"));

        // Warm: the index exists (the page ran before, or beside the run). What a user waits for: start, then the cards page.
        await using var serve = await ServeProcess.StartAsync(h.Cli, serveArguments, cancellationToken);
        var (_, firstTopic) = await CardsPageAsync(serve, cancellationToken);
        var firstPage = serve.Clock.Elapsed.TotalSeconds;
        var again = Stopwatch.StartNew();
        await CardsPageAsync(serve, cancellationToken);
        var warmPageMs = again.Elapsed.TotalMilliseconds;
        h.Log.WriteLine(FormattableString.Invariant($"  restarted serve: first cards page {firstPage:0.000}s after start (first topic {firstTopic}); again {warmPageMs:0}ms"));

        var times = new List<double>(decisions);
        var answered = 0;
        for (var d = 0; d < decisions; d++)
        {
            var topic = TopicTree.PathOf(d / ReviewCardFiles.CardsPerTopic);
            if (d % ReviewCardFiles.CardsPerTopic == 0)
            {
                await serve.GetAsync("/api/topic?mode=flashcards&path=" + Uri.EscapeDataString(topic), cancellationToken);
            }

            await Task.Delay(KeystrokeGap, cancellationToken);
            var keystroke = Stopwatch.StartNew();
            answered += await serve.ReviewAsync(topic, ReviewCardFiles.CardId(d % ReviewCardFiles.CardsPerTopic), d % 5 == 4 ? "rejected" : "accepted", cancellationToken) ? 1 : 0;
            times.Add(keystroke.Elapsed.TotalMilliseconds);
        }

        var searches = new List<double>(SearchRounds * SearchQueries.Length);
        for (var round = 0; round < SearchRounds; round++)
        {
            foreach (var query in SearchQueries)
            {
                var search = Stopwatch.StartNew();
                await serve.GetAsync("/api/search?mode=flashcards&q=" + Uri.EscapeDataString(query), cancellationToken);
                searches.Add(search.Elapsed.TotalMilliseconds);
            }
        }

        searches.Sort();
        var rss = serve.PeakRssMb();
        var (exit, stderr) = await serve.StopAsync(cancellationToken);
        times.Sort();
        h.Log.WriteLine(FormattableString.Invariant($"  {decisions} decisions: p50 {Percentile(times, 0.5):0.0}ms, p95 {Percentile(times, 0.95):0.0}ms, max {times[^1]:0.0}ms; {searches.Count} searches: p50 {Percentile(searches, 0.5):0.0}ms, p95 {Percentile(searches, 0.95):0.0}ms; peak RSS {rss:0}MB; SIGTERM exit {exit}"));
        return
        [
            Metric.Info(Name, "cards", topicCount * ReviewCardFiles.CardsPerTopic),
            Metric.Equal(Name, "adopting run exit code", adopt.ExitCode, 0),
            Metric.Info(Name, "cold serve: s from start to first tree (index build)", indexBuild),
            Metric.Info(Name, "tree response KB", firstTreeBytes / 1024),
            Metric.AtMost(Name, "built index: s from serve start to first cards page", firstPage, 1),
            Metric.Info(Name, "cards page again (page, tree, topic) ms", warmPageMs),
            Metric.Equal(Name, "review POSTs answered 200", answered, decisions),
            Metric.AtMost(Name, "review keystroke p50 ms", Percentile(times, 0.5), 50),
            Metric.AtMost(Name, "review keystroke p95 ms", Percentile(times, 0.95), 50),
            Metric.Info(Name, "review keystroke max ms", times[^1]),
            Metric.Info(Name, "search p50 ms (first page of 50)", Percentile(searches, 0.5)),
            Metric.AtMost(Name, "search p95 ms", Percentile(searches, 0.95), 100),
            Metric.Info(Name, "search max ms", searches[^1]),
            Metric.Info(Name, "serve peak RSS MB", rss),
            Metric.Equal(Name, "serve exit code after SIGTERM", Math.Max(Math.Abs(exit), Math.Abs(coldExit)), 0),
            Metric.Equal(Name, "lines serve wrote to stderr", Lines(stderr) + Lines(coldStderr), 0),
        ];
    }

    /// <summary>What the cards page asks for when opened: the page, the category/topic tree, and the first topic's cards.</summary>
    private static async Task<(string Tree, string FirstTopic)> CardsPageAsync(ServeProcess serve, CancellationToken cancellationToken)
    {
        await serve.GetAsync("/cards", cancellationToken);
        var tree = await serve.GetAsync("/api/tree", cancellationToken);
        var path = (string?)JsonNode.Parse(tree)?["categories"]?[0]?["topics"]?[0]?["path"] ?? throw new InvalidOperationException("the tree has no topic");
        await serve.GetAsync("/api/topic?mode=flashcards&path=" + Uri.EscapeDataString(path), cancellationToken);
        return (tree, path);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
}
