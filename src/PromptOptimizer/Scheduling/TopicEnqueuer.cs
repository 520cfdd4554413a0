using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// Puts a topics directory on the shared queue: each valid file's bytes with the hash the runner computes, in chunks
/// so that memory stays bounded however many files there are. Broken files are skipped and returned.
/// </summary>
internal static class TopicEnqueuer
{
    public const int ChunkSize = 1000;

    /// <param name="limit">At most this many valid topics, in order; null for all.</param>
    public static async Task<(EnqueueResult Totals, IReadOnlyList<TopicLoadResult> Invalid)> EnqueueAsync(
        IWorkQueue queue, TopicLoader loader, RunVariant variant, IReadOnlyCollection<string>? categories, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(loader);
        var totals = new EnqueueResult(0, 0, 0, 0);
        var invalid = new List<TopicLoadResult>();
        var chunk = new List<QueuedTopic>(ChunkSize);
        var taken = 0;
        foreach (var path in loader.EnumeratePaths(categories))
        {
            if (taken == limit)
            {
                break;
            }

            var (topic, problem) = await ReadAsync(loader, path, cancellationToken).ConfigureAwait(false);
            if (topic is null)
            {
                invalid.Add(problem!);
                continue;
            }

            chunk.Add(topic);
            taken++;
            if (chunk.Count == ChunkSize)
            {
                totals = Add(totals, await queue.EnqueueAsync(variant, chunk, cancellationToken).ConfigureAwait(false));
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            totals = Add(totals, await queue.EnqueueAsync(variant, chunk, cancellationToken).ConfigureAwait(false));
        }

        return (totals, invalid);
    }

    /// <summary>A topic file's bytes and hash, or why it cannot be queued (parsed from the very bytes queued).</summary>
    private static async Task<(QueuedTopic? Topic, TopicLoadResult? Problem)> ReadAsync(TopicLoader loader, string path, CancellationToken cancellationToken)
    {
        var check = loader.Load(path);
        if (check.Topic is null)
        {
            return (null, check);
        }

        var bytes = await File.ReadAllBytesAsync(Path.Combine(loader.Root, path), cancellationToken).ConfigureAwait(false);
        var parsed = TopicLoader.Parse(path, bytes);
        return parsed.Topic is { } topic ? (new QueuedTopic(path, topic.ContentHash, bytes), null) : (null, parsed);
    }

    private static EnqueueResult Add(EnqueueResult a, EnqueueResult b) =>
        new(a.Added + b.Added, a.Changed + b.Changed, a.Requeued + b.Requeued, a.Unchanged + b.Unchanged);
}
