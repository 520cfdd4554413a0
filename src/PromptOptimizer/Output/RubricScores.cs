namespace PromptOptimizer.Output;

/// <summary>Rubric scores from 1 to 10 for one version of a system prompt.</summary>
internal sealed record RubricScores(int Grounding, int Coverage, int Clarity, int Safety, int Format);
