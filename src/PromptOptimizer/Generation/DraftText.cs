namespace PromptOptimizer.Generation;

/// <summary>An accepted system prompt draft or revision.</summary>
internal sealed record DraftText(string Text);
