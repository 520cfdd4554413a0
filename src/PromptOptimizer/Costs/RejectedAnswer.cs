namespace PromptOptimizer.Costs;

/// <summary>A model answer that validation refused, with the reasons.</summary>
internal sealed record RejectedAnswer(string Stage, string? Content, IReadOnlyList<string> Errors);
