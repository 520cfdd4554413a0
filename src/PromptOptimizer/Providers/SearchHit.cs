namespace PromptOptimizer.Providers;

/// <summary>One Exa result; everything but the URL may be missing.</summary>
internal sealed record SearchHit(
    string Url,
    string? Title,
    string? PublishedDate,
    string? Author,
    double? Score,
    string? Text,
    IReadOnlyList<string> Highlights);
