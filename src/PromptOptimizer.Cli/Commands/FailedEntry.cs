namespace PromptOptimizer.Cli.Commands;

/// <summary>One line of <c>completion-failed</c>.</summary>
internal sealed record FailedEntry(string Path, string Mode, int Attempts, string? Kind, string? Error, DateTimeOffset? At);
