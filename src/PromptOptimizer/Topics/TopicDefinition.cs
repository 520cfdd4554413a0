namespace PromptOptimizer.Topics;

/// <summary>One topic file, parsed and validated.</summary>
/// <param name="Path">Identity: the path relative to the topics directory, forward slashes (<c>001_cybersecurity/sql_injection.json</c>).</param>
/// <param name="Category">The first path segment (the category folder).</param>
/// <param name="Name">The file name without <c>.json</c>.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of the file bytes.</param>
internal sealed record TopicDefinition(
    string Path,
    string Category,
    string Name,
    string Title,
    string? Description,
    IReadOnlyList<string> Keywords,
    string? Audience,
    string? Difficulty,
    int CardCount,
    string? SearchQuery,
    string ContentHash)
{
    /// <summary>The default number of cards when a topic does not say.</summary>
    public const int DefaultCardCount = 10;

    /// <summary>The largest <c>card_count</c> a topic may ask for.</summary>
    public const int MaxCardCount = 50;

    /// <summary>The file's size and write time when it was read (before reading); null when it was not read from a file.</summary>
    public TopicFileStamp? Stamp { get; init; }

    /// <summary>The query sent to the search engine: <c>search_query</c>, else the title and keywords.</summary>
    public string EffectiveSearchQuery =>
        !string.IsNullOrWhiteSpace(SearchQuery)
            ? SearchQuery!
            : Keywords.Count == 0 ? Title : $"{Title} {string.Join(' ', Keywords)}";
}
