using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>Completed topics whose file changed since they were made: the next run of their mode redoes them.</summary>
internal static class StaleTopics
{
    /// <summary>The stale completed rows of every mode; a topic file that cannot be read is not called stale.</summary>
    public static async Task<IReadOnlyList<TopicRecord>> FindAsync(ICompletionStore store, TopicLoader loader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(loader);
        var stale = new List<TopicRecord>();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<OutputKind>())
        {
            foreach (var record in await store.QueryAsync(new TopicQuery(kind, TopicStatus.Completed), cancellationToken).ConfigureAwait(false))
            {
                if (!hashes.TryGetValue(record.TopicPath, out var hash))
                {
                    hash = loader.Load(record.TopicPath).Topic?.ContentHash ?? "";
                    hashes[record.TopicPath] = hash;
                }

                if (hash.Length > 0 && record.IsStaleFor(hash))
                {
                    stale.Add(record);
                }
            }
        }

        return stale;
    }
}
