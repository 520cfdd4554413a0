namespace PromptOptimizer.Generation;

/// <summary>A validator's verdict on one model answer: a value, or the reasons to send back to the model.</summary>
internal sealed record Validated<T>(T? Value, IReadOnlyList<string> Errors)
    where T : class
{
    public static Validated<T> Accept(T value) => new(value, []);

    public static Validated<T> Reject(IReadOnlyList<string> errors) => new(null, errors);
}
