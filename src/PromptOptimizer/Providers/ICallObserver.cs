namespace PromptOptimizer.Providers;

/// <summary>Receives every attempt made for one topic (tracking, cost, inspection).</summary>
internal interface ICallObserver
{
    /// <summary>
    /// Names the topic (its product, path and content) for a backend that must ask for the same request under the same
    /// name in a later run (the Batch API's <c>custom_id</c>); null when nobody needs it.
    /// </summary>
    string? CallScope => null;

    void OnAttempt(CallAttempt attempt);

    /// <summary>A model answer that arrived but failed validation: kept in the state directory, never in outputs.</summary>
    void OnRejected(string stage, string? content, IReadOnlyList<string> errors);
}
