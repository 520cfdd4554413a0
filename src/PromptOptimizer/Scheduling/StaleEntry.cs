namespace PromptOptimizer.Scheduling;

/// <summary>A completed topic whose file changed since: the next run of its mode redoes it.</summary>
internal sealed record StaleEntry(string Path, string Mode);
