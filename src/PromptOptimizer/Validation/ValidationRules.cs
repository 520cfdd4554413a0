namespace PromptOptimizer.Validation;

/// <summary>Rule names carried by <see cref="ValidationIssue.Rule"/>; they are fed back to the model, so they stay short and stable.</summary>
internal static class ValidationRules
{
    public const string Json = "json";
    public const string Schema = "schema";
    public const string Count = "count";
    public const string Citation = "citation";
    public const string Empty = "empty";
    public const string FrontLength = "front-length";
    public const string BackLength = "back-length";
    public const string FrontEqualsBack = "front-equals-back";
    public const string Cloze = "cloze";
    public const string Duplicate = "duplicate";
    public const string Prompt = "prompt";
    public const string Critique = "critique";
}
