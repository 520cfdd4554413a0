namespace PromptOptimizer.Simulator;

/// <summary>A <c>&lt;source&gt;</c> block of a request, or a result the web plugin made up.</summary>
internal sealed record SourceExcerpt(string Id, string Url, string? Title, string Text);
