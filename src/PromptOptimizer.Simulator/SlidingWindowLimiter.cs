namespace PromptOptimizer.Simulator;

/// <summary>
/// Exact sliding-window limiter: at most <c>capacity</c> accepted arrivals within any window.
/// A rate below 1/s becomes one request per 1/rate seconds.
/// </summary>
internal sealed class SlidingWindowLimiter
{
    private readonly Lock _gate = new();
    private readonly Queue<long> _accepted = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly TimeSpan _window;

    public SlidingWindowLimiter(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _time = time;
        if (perSecond >= 1)
        {
            _capacity = (int)Math.Floor(perSecond);
            _window = TimeSpan.FromSeconds(1);
        }
        else
        {
            _capacity = 1;
            _window = TimeSpan.FromSeconds(1 / perSecond);
        }
    }

    /// <summary>Accepts the arrival or says how many whole seconds (at least 1) to wait.</summary>
    public bool TryAcquire(out int retryAfterSeconds)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            while (_accepted.Count > 0 && _time.GetElapsedTime(_accepted.Peek(), now) >= _window)
            {
                _accepted.Dequeue();
            }

            if (_accepted.Count < _capacity)
            {
                _accepted.Enqueue(now);
                retryAfterSeconds = 0;
                return true;
            }

            var wait = _window - _time.GetElapsedTime(_accepted.Peek(), now);
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return false;
        }
    }
}
