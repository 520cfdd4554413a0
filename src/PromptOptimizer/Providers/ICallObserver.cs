namespace PromptOptimizer.Providers;

/// <summary>Receives every attempt made for one topic (tracking, cost, inspection).</summary>
internal interface ICallObserver
{
    void OnAttempt(CallAttempt attempt);
}
