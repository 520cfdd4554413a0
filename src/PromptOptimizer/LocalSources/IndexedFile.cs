namespace PromptOptimizer.LocalSources;

/// <summary>What the index knows of a library file: its stamp and content hash, and why it was skipped if it was.</summary>
/// <param name="ModifiedTicks">The last-write time in UTC ticks when it was read.</param>
/// <param name="SkipReason">Null when its passages are in the index.</param>
internal sealed record IndexedFile(string Path, long Length, long ModifiedTicks, string Hash, string? SkipReason);
