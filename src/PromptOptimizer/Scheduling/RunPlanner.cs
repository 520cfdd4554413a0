using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// Decides what a run must do without spending anything: completed and unchanged topics are skipped, outputs that a
/// crash left untracked are adopted, and the rest (changed, failed, pending, or started by a dead run) is processed.
/// </summary>
/// <remarks>
/// A resume over a large tree is mostly completed topics, so the common cases touch no file content: a category's rows
/// come in one query and its outputs in one directory pass (which also sweeps a killed run's temp files), a completed
/// topic whose file still has the stamp recorded with its row is skipped on a stat, and a topic with no output is
/// queued without being read (the runner reads it). Files are read only to compare hashes or to adopt an output.
/// Chunks of topics are decided on the thread pool, a few ahead of the one whose decisions are being recorded.
/// </remarks>
internal sealed class RunPlanner(TopicLoader loader, ICompletionStore store, OutputPaths outputs, TimeProvider time)
{
    // Decided this many topics per task, so --limit stops the work soon after it is reached and adoptions hold little memory.
    private const int ChunkSize = 1000;

    // Chunks decided ahead of the one being recorded: the decisions are stat and read calls, so more than one per core.
    private static readonly int ReadAhead = Math.Max(2, Environment.ProcessorCount * 2);

    public async Task<RunPlan> PlanAsync(OutputKind product, IReadOnlyCollection<string>? categories, int? limit, CancellationToken cancellationToken)
    {
        var plan = new PlanTally(limit);
        var ahead = new Queue<Task<List<TopicVerdict>>>();
        using var chunks = DecideChunks(product, categories, cancellationToken).GetEnumerator();
        try
        {
            while (!plan.LimitReached)
            {
                while (ahead.Count < ReadAhead && chunks.MoveNext())
                {
                    ahead.Enqueue(chunks.Current);
                }

                if (!ahead.TryDequeue(out var next))
                {
                    break;
                }

                await ApplyAsync(product, await next.ConfigureAwait(false), plan, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Reading a category sweeps its temp files: every read started must be over before the run writes its own.
            // Each read is awaited by the first chunk of its category, and every chunk made is recorded or still here.
            await Task.WhenAll((IEnumerable<Task>)ahead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return plan.ToPlan();
    }

    /// <summary>
    /// <c>--cleanup</c>: deletes the selected topics' output files of <paramref name="product"/> and puts their rows back
    /// to pending, so the next plan processes them again; returns how many files and rows.
    /// </summary>
    public async Task<(int Deleted, int Reset)> CleanAsync(OutputKind product, IReadOnlyCollection<string>? categories, CancellationToken cancellationToken)
    {
        var (deleted, reset) = (0, 0);
        foreach (var path in loader.EnumeratePaths(categories))
        {
            var output = outputs.For(product, path);
            if (File.Exists(output))
            {
                File.Delete(output);
                deleted++;
            }

            reset += await store.ResetAsync(product, path, cancellationToken).ConfigureAwait(false);
        }

        return (deleted, reset);
    }

    /// <summary>The decisions of every selected topic, a chunk per task, in order; each category's rows and outputs are read once.</summary>
    private IEnumerable<Task<List<TopicVerdict>>> DecideChunks(OutputKind product, IReadOnlyCollection<string>? categories, CancellationToken cancellationToken)
    {
        foreach (var category in loader.EnumerateCategories(categories))
        {
            var paths = loader.CategoryPaths(category);
            if (paths.Count == 0)
            {
                continue;
            }

            var snapshot = Task.Run(() => ReadCategoryAsync(product, category, cancellationToken), cancellationToken);
            foreach (var chunk in paths.Chunk(ChunkSize))
            {
                yield return Task.Run(
                    async () =>
                    {
                        var known = await snapshot.ConfigureAwait(false);
                        return chunk.Select(path => Decide(product, path, known)).ToList();
                    },
                    cancellationToken);
            }
        }
    }

    private async Task<CategorySnapshot> ReadCategoryAsync(OutputKind product, string category, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(outputs.Root, OutputKinds.NameOf(product), category);
        var finished = AtomicFile.ListFinished(directory);
        var rows = await store.GetCategoryStatesAsync(product, category, cancellationToken).ConfigureAwait(false);
        return new CategorySnapshot(directory, rows, finished);
    }

    /// <summary>Decides one topic; reads nothing but a stat or two unless a hash must be compared or an output may be adopted.</summary>
    private TopicVerdict Decide(OutputKind product, string path, CategorySnapshot snapshot)
    {
        snapshot.Rows.TryGetValue(path, out var row);
        var fileName = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var hasOutput = snapshot.Outputs.Contains(fileName);
        if (row is { Status: TopicStatus.Completed })
        {
            // A completed row is trusted only while its file is there and not empty: a file deleted by hand or lost to
            // a power cut (outputs are not forced to disk) makes the topic work again rather than a silent gap.
            hasOutput = hasOutput && new FileInfo(Path.Join(snapshot.OutputDirectory, fileName)) is { Exists: true, Length: > 0 };
            if (hasOutput && row.Stamp is { } recorded && loader.Stamp(path) == recorded)
            {
                return new TopicVerdict(path, TopicVerdictKind.Skip);
            }

            var load = loader.Load(path);
            if (load.Topic is not { } topic)
            {
                return new TopicVerdict(path, TopicVerdictKind.Invalid, Broken: load);
            }

            if (!string.Equals(row.ContentHash, topic.ContentHash, StringComparison.Ordinal))
            {
                return new TopicVerdict(path, TopicVerdictKind.Stale);
            }

            return hasOutput
                ? new TopicVerdict(path, TopicVerdictKind.Skip, Restamp: topic.Stamp?.SettledBy(time.GetUtcNow()), ContentHash: topic.ContentHash)
                : new TopicVerdict(path, TopicVerdictKind.Redo);
        }

        if (!hasOutput)
        {
            return new TopicVerdict(path, TopicVerdictKind.Process);
        }

        var candidate = loader.Load(path);
        if (candidate.Topic is not { } adoptable)
        {
            return new TopicVerdict(path, TopicVerdictKind.Invalid, Broken: candidate);
        }

        return AdoptionOf(product, adoptable) is { } adoption
            ? new TopicVerdict(path, TopicVerdictKind.Adopt, Adoption: adoption)
            : new TopicVerdict(path, TopicVerdictKind.Process);
    }

    /// <summary>Records the verdicts in order until the limit; their writes go to the store together, not one round trip each.</summary>
    private async Task ApplyAsync(OutputKind product, IReadOnlyList<TopicVerdict> verdicts, PlanTally plan, CancellationToken cancellationToken)
    {
        var writes = new List<Task>();
        foreach (var verdict in verdicts)
        {
            if (plan.LimitReached)
            {
                break;
            }

            switch (verdict.Kind)
            {
                case TopicVerdictKind.Skip:
                    plan.Skipped++;
                    if (verdict is { Restamp: { } stamp, ContentHash: { } hash })
                    {
                        writes.Add(store.RestampAsync(product, verdict.Path, hash, stamp, cancellationToken));
                    }

                    break;
                case TopicVerdictKind.Adopt:
                    plan.Adopted++;
                    writes.Add(store.AdoptAsync(verdict.Adoption!, cancellationToken));
                    break;
                case TopicVerdictKind.Stale:
                    plan.Stale++;
                    plan.ToProcess.Add(verdict.Path);
                    break;
                case TopicVerdictKind.Redo:
                    // The row must stop saying completed, or the claim would refuse the redo.
                    writes.Add(store.ResetAsync(product, verdict.Path, cancellationToken));
                    plan.ToProcess.Add(verdict.Path);
                    break;
                case TopicVerdictKind.Invalid:
                    plan.Invalid.Add(verdict.Broken!);
                    plan.ToProcess.Add(verdict.Path);
                    break;
                default:
                    plan.ToProcess.Add(verdict.Path);
                    break;
            }
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>A crash between writing the output and tracking it: the file proves the work was done and paid for.</summary>
    private TopicCompletion? AdoptionOf(OutputKind product, TopicDefinition topic)
    {
        var path = outputs.For(product, topic.Path);
        try
        {
            // Adoption reads what the output tree holds: never through a link planted there.
            outputs.EnsureNoLinks(path);
        }
        catch (IOException)
        {
            return null;
        }

        if (!OutputInspector.TryRead(path, product, out var hash, out var json) || hash != topic.ContentHash)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return new TopicCompletion(topic.Path, product, topic.ContentHash, "adopted", "adopted", path, now, 0, 0, 0, 0m, json)
        {
            TopicStamp = topic.Stamp?.SettledBy(now),
        };
    }
}
