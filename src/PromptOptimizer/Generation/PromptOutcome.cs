using PromptOptimizer.Output;

namespace PromptOptimizer.Generation;

/// <summary>The best system prompt found and the sources it was grounded in.</summary>
internal sealed record PromptOutcome(PromptResult Prompt, IReadOnlyList<SourceDocument> Sources);
