using System.Text.Json.Serialization;

namespace PromptOptimizer.Output;

/// <summary>A retrieved source that cards and prompts cite by <see cref="Id"/> (<c>S1</c>, <c>S2</c>, ...).</summary>
internal sealed record SourceDocument(string Id, string Url, string? Title, string? Published)
{
    /// <summary>The retrieved text or excerpts, kept so that grounding can be checked later.</summary>
    public string? Excerpt { get; init; }

    /// <summary>
    /// A local source's passage hash (SHA-256 of its file, anchor and text): what the topic was grounded on, so a
    /// changed passage can be told from the one cited. Null (and not written) for web sources.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentHash { get; init; }
}
