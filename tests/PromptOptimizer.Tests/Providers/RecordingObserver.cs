using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

/// <summary>An <see cref="ICallObserver"/> that keeps every attempt (with the time it was reported) and every rejection.</summary>
internal sealed class RecordingObserver(Action<CallAttempt>? onAttempt = null) : ICallObserver
{
    private readonly Lock _gate = new();
    private readonly List<(CallAttempt Attempt, DateTimeOffset At)> _attempts = [];
    private readonly List<(string Stage, string? Content, IReadOnlyList<string> Errors)> _rejected = [];

    public IReadOnlyList<CallAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.Select(a => a.Attempt).ToList();
            }
        }
    }

    public IReadOnlyList<DateTimeOffset> AttemptTimes
    {
        get
        {
            lock (_gate)
            {
                return _attempts.Select(a => a.At).ToList();
            }
        }
    }

    public IReadOnlyList<(string Stage, string? Content, IReadOnlyList<string> Errors)> Rejected
    {
        get
        {
            lock (_gate)
            {
                return _rejected.ToList();
            }
        }
    }

    public void OnAttempt(CallAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add((attempt, TimeProvider.System.GetUtcNow()));
        }

        onAttempt?.Invoke(attempt);
    }

    public void OnRejected(string stage, string? content, IReadOnlyList<string> errors)
    {
        lock (_gate)
        {
            _rejected.Add((stage, content, errors));
        }
    }
}
