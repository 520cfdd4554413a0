namespace PromptOptimizer.Providers;

/// <summary>The answers of a finished batch; a request the provider never answered has no item.</summary>
internal sealed record BatchResults(IReadOnlyList<BatchResultItem> Items);
