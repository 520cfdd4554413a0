namespace PromptOptimizer.Topics;

/// <summary>A topic step's value (research, generation) or why it failed.</summary>
internal sealed record StepResult<T>(T? Value, TopicError? Error)
{
    public bool IsSuccess => Error is null;

    public static StepResult<T> Ok(T value) => new(value, null);

    public static StepResult<T> Fail(TopicError error) => new(default, error);
}
