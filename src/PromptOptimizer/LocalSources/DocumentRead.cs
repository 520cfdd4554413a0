namespace PromptOptimizer.LocalSources;

/// <summary>A library file's passages, or why it was skipped (one warning naming the reason).</summary>
internal sealed record DocumentRead(IReadOnlyList<LocalPassage> Passages, string? SkipReason)
{
    public static DocumentRead Ok(IReadOnlyList<LocalPassage> passages) => new(passages, null);

    public static DocumentRead Skip(string reason) => new([], reason);
}
