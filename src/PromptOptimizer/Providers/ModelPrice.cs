namespace PromptOptimizer.Providers;

/// <summary>USD per token for one model.</summary>
internal sealed record ModelPrice(decimal PromptPerToken, decimal CompletionPerToken);
