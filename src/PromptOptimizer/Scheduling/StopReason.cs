namespace PromptOptimizer.Scheduling;

/// <summary>Why a run stopped dispatching before its plan was done.</summary>
internal enum StopReason
{
    None,

    /// <summary>An account-level provider error (401, 402): nothing more can succeed until the user acts.</summary>
    AccountError,

    /// <summary>The next topic's projected spend would pass <c>--max-cost</c>.</summary>
    Budget,

    /// <summary>Ctrl+C or SIGTERM.</summary>
    Interrupted,

    /// <summary>Every output write failed: the disk is read-only or full.</summary>
    DiskFailure,

    /// <summary>A provider stayed unreachable for longer than its outage allowance.</summary>
    ProviderOutage,

    /// <summary>The completion store stayed unreachable (locked, failing) for longer than its outage budget.</summary>
    StoreOutage,
}
