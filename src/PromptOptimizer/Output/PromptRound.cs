namespace PromptOptimizer.Output;

/// <summary>One draft or revision and how the critic scored it.</summary>
internal sealed record PromptRound(int Round, string SystemPrompt, double Score, RubricScores Scores, IReadOnlyList<string> Weaknesses);
