namespace PromptOptimizer.Tracking;

/// <summary>
/// The completion store stayed unreachable for longer than its outage budget (<see cref="StoreOutage"/>), or the wait
/// was given up (an interrupted worker): the caller stops instead of waiting on.
/// </summary>
internal sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
