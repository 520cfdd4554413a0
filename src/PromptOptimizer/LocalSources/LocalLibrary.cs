using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Research;
using PromptOptimizer.Topics;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// Research from the user's own folder: the topic's search query ranks the indexed passages, and the best relevant
/// ones become its sources S1..Sn, each naming its file and page or heading. Nothing leaves the machine.
/// </summary>
/// <remarks>
/// Retrieval is deterministic, so <see cref="SourcesIdentity"/> can say before a run which passages a topic would be
/// grounded on: a completed topic whose passages changed since (a cited file was edited) is stale, like an edited
/// topic file, and a topic made from another research mode is never taken for this one.
/// </remarks>
internal sealed class LocalLibrary : ITopicResearcher
{
    private readonly LocalIndex _index;
    private readonly LocalSourceOptions _options;

    private LocalLibrary(string root, LocalIndex index, LocalSourceOptions options) => (Root, _index, _options) = (root, index, options);

    /// <summary>The library folder (absolute).</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public string Name => "local";

    /// <summary>Brings the library's index in <paramref name="stateDir"/> up to date and opens it for research.</summary>
    public static async Task<(LocalLibrary Library, IndexReport Report)> OpenAsync(string libraryRoot, string stateDir, LocalSourceOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(libraryRoot);
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(libraryRoot));
        var index = await LocalIndex.OpenAsync(LocalIndex.PathFor(stateDir, root), cancellationToken).ConfigureAwait(false);
        var report = await new LibraryIndexer(index, options).UpdateAsync(root, cancellationToken).ConfigureAwait(false);
        return (new LocalLibrary(root, index, options), report);
    }

    /// <summary>The topic's relevant passages, best first: at most <see cref="LocalSourceOptions.Results"/>, each scoring at least <see cref="LocalSourceOptions.MinScore"/>.</summary>
    public IReadOnlyList<ScoredPassage> Find(TopicDefinition topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return _index.Search(topic.EffectiveSearchQuery, _options.Results).Where(hit => hit.IsRelevant(_options.MinScore)).ToList();
    }

    /// <summary>Runs <paramref name="query"/> as research would, timed with <paramref name="time"/>: what it finds and how fast.</summary>
    public QueryProbe Probe(string query, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        var hits = _index.Search(query, _options.Results);
        var elapsed = time.GetElapsedTime(started);
        return new QueryProbe(query, elapsed.TotalMilliseconds, hits.Select(h => new QueryHit(h.Passage.Citation, h.Score, h.IsRelevant(_options.MinScore))).ToList());
    }

    /// <inheritdoc/>
    public Task<StepResult<IReadOnlyList<SourceDocument>>> ResearchAsync(TopicDefinition topic, ICallObserver observer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var hits = Find(topic);
        if (hits.Count == 0)
        {
            var message = string.Create(CultureInfo.InvariantCulture,
                $"research: no sources; nothing in {Root} is relevant to \"{topic.EffectiveSearchQuery}\" (no passage scored {_options.MinScore} or more with at least two of its words)");
            return Task.FromResult(StepResult<IReadOnlyList<SourceDocument>>.Fail(new TopicError(ErrorKind.NoSources, message, IsTransient: false, StopsRun: false)));
        }

        IReadOnlyList<SourceDocument> sources = hits
            .Select((hit, i) => new SourceDocument(SourceFactory.Id(i), hit.Passage.Citation, hit.Passage.Title, null) { Excerpt = hit.Passage.Text, ContentHash = hit.Passage.Hash })
            .ToList();
        return Task.FromResult(StepResult<IReadOnlyList<SourceDocument>>.Ok(sources));
    }

    /// <summary>
    /// The part of a topic's identity this research mode adds: a hash of the passages the topic would be grounded on
    /// (their hashes name file, anchor and text), so a change to any of them makes a completed topic stale.
    /// </summary>
    public string SourcesIdentity(TopicDefinition topic)
    {
        var passages = string.Join('\n', Find(topic).Select(hit => hit.Passage.Hash));
        return "local:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(passages)));
    }
}
