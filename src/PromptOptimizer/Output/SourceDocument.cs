namespace PromptOptimizer.Output;

/// <summary>A retrieved source that cards and prompts cite by <see cref="Id"/> (<c>S1</c>, <c>S2</c>, ...).</summary>
internal sealed record SourceDocument(string Id, string Url, string? Title, string? Published)
{
    /// <summary>The retrieved text or excerpts, kept so that grounding can be checked later.</summary>
    public string? Excerpt { get; init; }
}
