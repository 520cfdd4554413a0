namespace PromptOptimizer.Output;

/// <summary>The optimized prompt part shared by prompts and unified outputs.</summary>
/// <param name="Score">The weighted score of the kept (best) version.</param>
internal sealed record PromptResult(string SystemPrompt, double Score, int Rounds, IReadOnlyList<PromptRound> RoundScores);
