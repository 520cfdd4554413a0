namespace PromptOptimizer.LocalSources;

/// <summary>What one index update did.</summary>
/// <param name="Files">Supported files found in the library (skipped ones included).</param>
/// <param name="Unchanged">Files whose stamp matched the index: not read at all.</param>
/// <param name="Read">Files read (new, or stamp changed); those whose hash still matched were not parsed again.</param>
/// <param name="Parsed">Files parsed into passages (new or changed content).</param>
/// <param name="Removed">Files gone from the library (or now refused) whose passages left the index.</param>
/// <param name="Passages">Passages in the index after the update.</param>
/// <param name="IndexBytes">The index file's size after the update.</param>
/// <param name="Warnings">One per file left out, naming it and the reason, in path order.</param>
internal sealed record IndexReport(int Files, int Unchanged, int Read, int Parsed, int Removed, long Passages, long IndexBytes, IReadOnlyList<IndexWarning> Warnings)
{
    /// <summary>The one-line summary the CLI prints.</summary>
    public string Summary(string root) =>
        $"Local sources {root}: {Files} files, {Passages} passages ({Parsed} files indexed, {Unchanged + (Read - Parsed)} unchanged, {Removed} removed, {Warnings.Count} skipped); index {IndexBytes / 1024} KiB";
}
