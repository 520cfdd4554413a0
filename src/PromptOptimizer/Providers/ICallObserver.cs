namespace PromptOptimizer.Providers;

/// <summary>Receives every attempt made for one topic (tracking, cost, inspection).</summary>
internal interface ICallObserver
{
    void OnAttempt(CallAttempt attempt);

    /// <summary>A model answer that arrived but failed validation: kept in the state directory, never in outputs.</summary>
    void OnRejected(string stage, string? content, IReadOnlyList<string> errors);
}
