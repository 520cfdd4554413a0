namespace PromptOptimizer.Providers;

/// <summary>A <c>url_citation</c> annotation from the web plugin.</summary>
internal sealed record WebCitation(string Url, string? Title, string? Content);
