using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>Completed topics whose file changed since they were made: the next run of their mode redoes them.</summary>
internal static class StaleTopics
{
    /// <summary>
    /// The stale completed rows of every mode; a topic file that cannot be read is not called stale. With
    /// <paramref name="researchIdentity"/> (local sources: the passages a topic is grounded on, see
    /// <see cref="TopicLoader.GroundedHash"/>), a row made from that research is current while its file and those
    /// passages are unchanged, and a row made from another research mode while its file is.
    /// </summary>
    /// <param name="loader">Reads the topic files as they are (without a research identity of its own).</param>
    public static async Task<IReadOnlyList<TopicRecord>> FindAsync(ICompletionStore store, TopicLoader loader, Func<TopicDefinition, string>? researchIdentity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(loader);
        var stale = new List<TopicRecord>();
        var hashes = new Dictionary<string, (string File, string? Grounded)>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<OutputKind>())
        {
            foreach (var record in await store.QueryAsync(new TopicQuery(kind, TopicStatus.Completed), cancellationToken).ConfigureAwait(false))
            {
                if (!hashes.TryGetValue(record.TopicPath, out var hash))
                {
                    var topic = loader.Load(record.TopicPath).Topic;
                    hash = topic is null ? ("", null)
                        : (topic.ContentHash, researchIdentity is null ? null : TopicLoader.GroundedHash(topic.ContentHash, researchIdentity(topic)));
                    hashes[record.TopicPath] = hash;
                }

                if (hash.File.Length > 0 && record.IsStaleFor(hash.File) && (hash.Grounded is null || record.IsStaleFor(hash.Grounded)))
                {
                    stale.Add(record);
                }
            }
        }

        return stale;
    }
}
