using PromptOptimizer.Output;

namespace PromptOptimizer.Scheduling;

/// <summary>How a queue worker claims and holds topics. Validated once, here.</summary>
internal sealed record WorkerOptions
{
    public WorkerOptions(
        string workerId,
        string runId,
        int concurrency,
        TimeSpan lease,
        TimeSpan pollInterval,
        bool follow = false,
        OutputKind? mode = null,
        int claimBatch = 10)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (concurrency is < 1 or > 10_000)
        {
            throw new ArgumentException("Concurrency must be between 1 and 10000.", nameof(concurrency));
        }

        if (lease < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("Lease must be at least one second.", nameof(lease));
        }

        if (pollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("PollInterval must be positive.", nameof(pollInterval));
        }

        if (claimBatch is < 1 or > 1000)
        {
            throw new ArgumentException("ClaimBatch must be between 1 and 1000.", nameof(claimBatch));
        }

        WorkerId = workerId;
        RunId = runId;
        Concurrency = concurrency;
        Lease = lease;
        PollInterval = pollInterval;
        Follow = follow;
        Mode = mode;
        ClaimBatch = claimBatch;
    }

    /// <summary>This process in the <c>workers</c> table; every lease names it.</summary>
    public string WorkerId { get; }

    public string RunId { get; }

    /// <summary>At most this many topics run at once.</summary>
    public int Concurrency { get; }

    /// <summary>How long a claim holds without a heartbeat; heartbeats run every third of it.</summary>
    public TimeSpan Lease { get; }

    /// <summary>The wait between two claims that found nothing.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Keep polling for new work instead of exiting when the queue is drained.</summary>
    public bool Follow { get; }

    /// <summary>Only this product; null takes any.</summary>
    public OutputKind? Mode { get; }

    /// <summary>Topics per claim (and per hand-over channel): small, so that one worker never hoards the queue.</summary>
    public int ClaimBatch { get; }

    public TimeSpan HeartbeatInterval => Lease / 3;
}
