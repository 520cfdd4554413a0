using PromptOptimizer.Output;

namespace PromptOptimizer.Validation;

/// <summary>A critic's rubric scores and weaknesses, or why the critique must be retried.</summary>
/// <param name="Scores">Null when rejected.</param>
internal sealed record CritiqueValidation(RubricScores? Scores, IReadOnlyList<string> Weaknesses, IReadOnlyList<ValidationIssue> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
