using PromptOptimizer.Output;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Costs;

/// <summary>Everything one topic's processing called and paid, gathered as it happens.</summary>
internal sealed class TopicCallLog(PriceTable prices) : ICallObserver
{
    private readonly Lock _gate = new();
    private readonly List<CallAttempt> _attempts = [];
    private readonly List<RejectedAnswer> _rejected = [];

    /// <inheritdoc/>
    public string? CallScope { get; init; }

    /// <summary>Raised for each attempt, so run totals move while a topic is in flight.</summary>
    public event Action<CallAttempt>? AttemptRecorded;

    public IReadOnlyList<CallAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToArray();
            }
        }
    }

    public IReadOnlyList<RejectedAnswer> Rejected
    {
        get
        {
            lock (_gate)
            {
                return _rejected.ToArray();
            }
        }
    }

    public void OnAttempt(CallAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }

        AttemptRecorded?.Invoke(attempt);
    }

    public void OnRejected(string stage, string? content, IReadOnlyList<string> errors)
    {
        lock (_gate)
        {
            _rejected.Add(new RejectedAnswer(stage, content, errors));
        }
    }

    /// <summary>Tokens and cost so far; the search part is Exa's cost plus the web plugin's fee.</summary>
    public UsageSummary Usage(int webResults)
    {
        long prompt = 0, completion = 0;
        decimal cost = 0, search = 0;
        var estimated = false;
        lock (_gate)
        {
            foreach (var attempt in _attempts)
            {
                prompt += attempt.PromptTokens;
                completion += attempt.CompletionTokens;
                cost += attempt.Cost;
                estimated |= attempt.CostEstimated;
                if (attempt.Provider == "exa")
                {
                    search += attempt.Cost;
                }
                else if (attempt.Kind == ErrorKind.None && attempt.RequestBody.Contains("\"plugins\"", StringComparison.Ordinal))
                {
                    search += Math.Min(attempt.Cost, prices.WebSearchFee(webResults));
                }
            }
        }

        return new UsageSummary(prompt, completion, cost, search, estimated);
    }
}
