using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// Brings a library's index up to date, incrementally: a file whose size and write time match the index is never
/// read; a read file whose content hash matches is not parsed again; a removed file leaves the index. Bad input loses
/// nothing: each file that cannot be indexed is one warning naming it and why, and the rest is indexed. Files are
/// read and parsed in parallel; one writer applies them to the index in batches, through a bounded channel.
/// </summary>
internal sealed class LibraryIndexer(LocalIndex index, LocalSourceOptions options)
{
    // Passages written per transaction: large enough that commits are rare, small enough to bound memory.
    private const int PassagesPerCommit = 5000;

    /// <summary>Updates the index of <paramref name="libraryRoot"/>.</summary>
    public async Task<IndexReport> UpdateAsync(string libraryRoot, CancellationToken cancellationToken)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(libraryRoot));
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Local sources folder not found: {root}");
        }

        var known = await index.FilesAsync(cancellationToken).ConfigureAwait(false);
        var walk = LibraryWalk.Of(root);
        var warnings = new List<IndexWarning>(walk.Refused);
        var outcomes = Channel.CreateBounded<FileOutcome>(new BoundedChannelOptions(64) { SingleReader = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
                    await Parallel.ForEachAsync(walk.Files, parallel, async (file, token) =>
                        await outcomes.Writer.WriteAsync(await ReadAsync(file, known.GetValueOrDefault(file.Relative), token).ConfigureAwait(false), token).ConfigureAwait(false)).ConfigureAwait(false);
                }
                finally
                {
                    outcomes.Writer.Complete();
                }
            },
            cancellationToken);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(IndexedFile, IReadOnlyList<LocalPassage>?)>();
        var pendingPassages = 0;
        int unchanged = 0, read = 0, parsed = 0;
        await foreach (var outcome in outcomes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (outcome.Warning is { } warning)
            {
                warnings.Add(warning);
            }

            if (outcome.Record is not { } record)
            {
                continue;
            }

            seen.Add(record.Path);
            (unchanged, read, parsed) = outcome.Kind switch
            {
                OutcomeKind.Unchanged => (unchanged + 1, read, parsed),
                OutcomeKind.Rehashed => (unchanged, read + 1, parsed),
                _ => (unchanged, read + 1, parsed + 1),
            };
            if (outcome.Kind == OutcomeKind.Unchanged)
            {
                continue;
            }

            pending.Add((record, outcome.Passages));
            pendingPassages += outcome.Passages?.Count ?? 0;
            if (pendingPassages >= PassagesPerCommit)
            {
                await index.ApplyAsync(pending, [], cancellationToken).ConfigureAwait(false);
                (pending, pendingPassages) = ([], 0);
            }
        }

        await producer.ConfigureAwait(false);
        var removed = known.Keys.Where(path => !seen.Contains(path)).ToList();
        await index.ApplyAsync(pending, removed, cancellationToken).ConfigureAwait(false);
        warnings.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        return new IndexReport(walk.Files.Count + walk.Refused.Count, unchanged, read, parsed, removed.Count,
            await index.PassageCountAsync(cancellationToken).ConfigureAwait(false), index.SizeBytes(), warnings);
    }

    private async Task<FileOutcome> ReadAsync(LibraryFile file, IndexedFile? known, CancellationToken cancellationToken)
    {
        var (length, ticks) = (file.Info.Length, file.Info.LastWriteTimeUtc.Ticks);
        if (known is not null && known.Length == length && known.ModifiedTicks == ticks)
        {
            // Not read: the stamp says the content is what was indexed (a skipped file is warned about again).
            return new FileOutcome(OutcomeKind.Unchanged, known, [], known.SkipReason is { } why ? new IndexWarning(file.Relative, why) : null);
        }

        // Checked before opening: an empty "file" may be a FIFO or device, and a huge one is not read at all.
        if (length == 0 || length > options.MaxFileBytes)
        {
            var why = length == 0
                ? "file is empty"
                : string.Create(CultureInfo.InvariantCulture, $"file is {length} bytes, larger than the {options.MaxFileBytes} byte limit");
            return new FileOutcome(OutcomeKind.Parsed, new IndexedFile(file.Relative, length, ticks, "", why), [], new IndexWarning(file.Relative, why));
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file.Info.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not recorded: a permission fixed later does not change the write time, so the file must be tried again.
            var why = ex is UnauthorizedAccessException ? "cannot read it: permission denied" : "cannot read it: " + ex.Message;
            return new FileOutcome(OutcomeKind.Parsed, null, [], new IndexWarning(file.Relative, why));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (known is not null && known.Hash == hash)
        {
            // Touched but not changed: only the stamp is new; the passages stay.
            return new FileOutcome(OutcomeKind.Rehashed, known with { Length = length, ModifiedTicks = ticks }, null, known.SkipReason is { } why ? new IndexWarning(file.Relative, why) : null);
        }

        var document = DocumentReader.Read(file.Relative, bytes);
        var warning = document.SkipReason is { } reason ? new IndexWarning(file.Relative, reason) : null;
        return new FileOutcome(OutcomeKind.Parsed, new IndexedFile(file.Relative, length, ticks, hash, document.SkipReason), document.Passages, warning);
    }

    private enum OutcomeKind
    {
        Unchanged,
        Rehashed,
        Parsed,
    }

    /// <summary>One file's result: its new index record (null: leave it out), its passages (null: keep the indexed ones) and its warning.</summary>
    private sealed record FileOutcome(OutcomeKind Kind, IndexedFile? Record, IReadOnlyList<LocalPassage>? Passages, IndexWarning? Warning);
}
