namespace PromptOptimizer.Validation;

/// <summary>A drafted or revised system prompt, or why it must be retried.</summary>
/// <param name="SystemPrompt">The trimmed prompt; null when rejected.</param>
internal sealed record PromptDraftValidation(string? SystemPrompt, IReadOnlyList<ValidationIssue> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
