using PromptOptimizer.Output;

namespace PromptOptimizer.Generation;

/// <summary>An accepted critique.</summary>
internal sealed record CritiqueVerdict(RubricScores Scores, IReadOnlyList<string> Weaknesses);
