using PromptOptimizer.Output;

namespace PromptOptimizer.Scheduling;

/// <summary>How a batch run dispatches topics. Validated once, here.</summary>
internal sealed record RunOptions
{
    public RunOptions(
        RunVariant variant,
        string runId,
        string workerId,
        int concurrency = 100,
        int batchSize = 10,
        TimeSpan? batchDelay = null,
        bool strictBatches = false,
        decimal? maxCost = null,
        IReadOnlyList<string>? arguments = null,
        string? checkpointPath = null,
        TimeSpan? progressInterval = null)
    {
        if (concurrency is < 1 or > 10_000)
        {
            throw new ArgumentException("Concurrency must be between 1 and 10000.", nameof(concurrency));
        }

        if (batchSize is < 1 or > 100_000)
        {
            throw new ArgumentException("BatchSize must be between 1 and 100000.", nameof(batchSize));
        }

        BatchDelay = batchDelay ?? TimeSpan.FromSeconds(2);
        if (BatchDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("BatchDelay must not be negative.", nameof(batchDelay));
        }

        if (maxCost is <= 0)
        {
            throw new ArgumentException("MaxCost must be positive.", nameof(maxCost));
        }

        ProgressInterval = progressInterval ?? TimeSpan.FromSeconds(5);
        if (ProgressInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("ProgressInterval must be positive.", nameof(progressInterval));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        Variant = variant;
        RunId = runId;
        WorkerId = workerId;
        Concurrency = concurrency;
        BatchSize = batchSize;
        StrictBatches = strictBatches;
        MaxCost = maxCost;
        Arguments = arguments ?? [];
        CheckpointPath = checkpointPath;
    }

    public RunVariant Variant { get; }

    public string RunId { get; }

    public string WorkerId { get; }

    /// <summary>At most this many topics in flight; a new one starts as soon as one ends.</summary>
    public int Concurrency { get; }

    /// <summary>Topics per numbered batch (checkpoints and progress).</summary>
    public int BatchSize { get; }

    /// <summary>Minimum spacing between the starts of consecutive batches.</summary>
    public TimeSpan BatchDelay { get; }

    /// <summary>The original tool's behaviour: wait for the whole batch, then the delay.</summary>
    public bool StrictBatches { get; }

    public decimal? MaxCost { get; }

    /// <summary>The command line to save in the checkpoint (no secrets).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>How often the provider batches (<c>--batch-api</c>) are looked at for the display; a look that finds no change shows nothing.</summary>
    public TimeSpan ProgressInterval { get; }

    /// <summary>Where to write the checkpoint; null writes none.</summary>
    public string? CheckpointPath { get; }
}
