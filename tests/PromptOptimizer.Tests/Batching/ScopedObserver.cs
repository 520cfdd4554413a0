using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Batching;

/// <summary>One topic's observer as the batching backend sees it: a call scope, and every attempt reported.</summary>
internal sealed class ScopedObserver(string scope) : ICallObserver
{
    private readonly Lock _gate = new();
    private readonly List<CallAttempt> _attempts = [];

    public string? CallScope => scope;

    public IReadOnlyList<CallAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToList();
            }
        }
    }

    public void OnAttempt(CallAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }
    }

    public void OnRejected(string stage, string? content, IReadOnlyList<string> errors)
    {
    }
}
