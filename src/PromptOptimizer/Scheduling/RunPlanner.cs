using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// Decides what a run must do without spending anything: completed and unchanged topics are skipped, outputs that a
/// crash left untracked are adopted, and the rest (changed, failed, pending, or started by a dead run) is processed.
/// </summary>
internal sealed class RunPlanner(TopicLoader loader, ICompletionStore store, OutputPaths outputs, TimeProvider time)
{
    private const int ChunkSize = 500;

    public async Task<RunPlan> PlanAsync(OutputKind product, IReadOnlyCollection<string>? categories, int? limit, CancellationToken cancellationToken)
    {
        var toProcess = new List<string>();
        var invalid = new List<TopicLoadResult>();
        int skipped = 0, adopted = 0, stale = 0;
        var chunk = new List<TopicLoadResult>(ChunkSize);

        // Reading, hashing and parsing files dominates a resume over a large tree: do a chunk at a time on every core.
        foreach (var paths in loader.EnumeratePaths(categories).Chunk(ChunkSize))
        {
            chunk.AddRange(paths.AsParallel().AsOrdered().Select(loader.Load));
            if (await ClassifyAsync().ConfigureAwait(false))
            {
                break;
            }
        }

        return new RunPlan(toProcess, skipped, adopted, stale, invalid);

        // Returns true once the limit is reached.
        async Task<bool> ClassifyAsync()
        {
            var valid = chunk.Where(r => r.IsValid).Select(r => r.Path).ToList();
            var records = await store.GetAsync(product, valid, cancellationToken).ConfigureAwait(false);
            foreach (var result in chunk)
            {
                if (limit is { } max && toProcess.Count >= max)
                {
                    chunk.Clear();
                    return true;
                }

                if (result.Topic is not { } topic)
                {
                    invalid.Add(result);
                    toProcess.Add(result.Path);
                    continue;
                }

                records.TryGetValue(topic.Path, out var record);
                if (record is { Status: TopicStatus.Completed } && !record.IsStaleFor(topic.ContentHash) && OutputPresent(product, topic.Path))
                {
                    skipped++;
                    continue;
                }

                if (record is not { Status: TopicStatus.Completed } && await TryAdoptAsync(product, topic, cancellationToken).ConfigureAwait(false))
                {
                    adopted++;
                    continue;
                }

                if (record?.IsStaleFor(topic.ContentHash) == true)
                {
                    stale++;
                }
                else if (record is { Status: TopicStatus.Completed })
                {
                    // Completed but its file is gone: the row must stop saying so, or the claim would refuse the redo.
                    await store.ResetAsync(product, topic.Path, cancellationToken).ConfigureAwait(false);
                }

                toProcess.Add(topic.Path);
            }

            chunk.Clear();
            return limit is { } l && toProcess.Count >= l;
        }
    }

    /// <summary>
    /// A completed row is trusted only while its file is there: a file deleted by hand or lost to a power cut (outputs
    /// are not forced to disk) makes the topic work again rather than a silent gap.
    /// </summary>
    private bool OutputPresent(OutputKind product, string topicPath)
    {
        var file = new FileInfo(outputs.For(product, topicPath));
        return file.Exists && file.Length > 0;
    }

    /// <summary>A crash between writing the output and tracking it: the file proves the work was done and paid for.</summary>
    private async Task<bool> TryAdoptAsync(OutputKind product, TopicDefinition topic, CancellationToken cancellationToken)
    {
        var path = outputs.For(product, topic.Path);
        try
        {
            // Adoption reads what the output tree holds: never through a link planted there.
            outputs.EnsureNoLinks(path);
        }
        catch (IOException)
        {
            return false;
        }

        if (!OutputInspector.TryRead(path, product, out var hash, out var json) || hash != topic.ContentHash)
        {
            return false;
        }

        await store.AdoptAsync(new TopicCompletion(topic.Path, product, topic.ContentHash, "adopted", "adopted", path, time.GetUtcNow(), 0, 0, 0, 0m, json), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
