namespace PromptOptimizer.Simulator;

/// <summary>One made-up search hit, shared by the Exa endpoint and the web plugin.</summary>
internal sealed record SimSearchResult(
    string Url,
    string? Title,
    string? PublishedDate,
    string? Author,
    double Score,
    string Text,
    IReadOnlyList<string> Highlights);
