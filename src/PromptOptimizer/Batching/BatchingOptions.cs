namespace PromptOptimizer.Batching;

/// <summary>How chat requests are coalesced into provider batches, polled and retried. Validated once, here.</summary>
internal sealed record BatchingOptions
{
    /// <summary>The batch price as a share of the synchronous one when the provider does not say (OpenRouter: about half for most models).</summary>
    public const decimal DefaultDiscount = 0.5m;

    /// <param name="maxRequests">Requests per batch at most (the provider's limit or lower).</param>
    /// <param name="maxBytes">Request bodies per batch at most, in bytes (the provider's limit or lower).</param>
    /// <param name="linger">How long the oldest waiting request may wait for others before its batch goes out anyway.</param>
    /// <param name="pollInitial">The first wait between two status reads of a batch; it doubles up to <paramref name="pollMax"/>.</param>
    /// <param name="maxRetries">Later batches a request that failed transiently may join (<c>--max-retries</c>).</param>
    /// <param name="discount">The batch price as a share of the synchronous one, for estimates (0.5: half price).</param>
    /// <param name="orphanAge">
    /// How old a recorded intent without a batch id must be before it is looked up and, if the provider does not list
    /// it, given up. Zero when no other process can be submitting it (one machine, under the state lock).
    /// </param>
    /// <param name="maxCost">No batch is submitted that would take the projected spend past this (<c>--max-cost</c>).</param>
    public BatchingOptions(
        int maxRequests = 1000,
        long maxBytes = 50_000_000,
        TimeSpan? linger = null,
        TimeSpan? pollInitial = null,
        TimeSpan? pollMax = null,
        int maxRetries = 4,
        decimal discount = DefaultDiscount,
        TimeSpan? requestTimeout = null,
        TimeSpan? orphanAge = null,
        decimal? maxCost = null)
    {
        MaxRequests = maxRequests >= 1 ? maxRequests : throw new ArgumentException("MaxRequests must be at least 1.", nameof(maxRequests));
        MaxBytes = maxBytes >= 1 ? maxBytes : throw new ArgumentException("MaxBytes must be at least 1.", nameof(maxBytes));
        Linger = linger ?? TimeSpan.FromSeconds(2);
        PollInitial = pollInitial ?? TimeSpan.FromSeconds(1);
        PollMax = pollMax ?? TimeSpan.FromSeconds(60);
        if (Linger < TimeSpan.Zero || PollInitial <= TimeSpan.Zero || PollMax < PollInitial)
        {
            throw new ArgumentException("Linger must be non-negative, PollInitial positive and PollMax not below it.", nameof(linger));
        }

        MaxRetries = maxRetries is >= 0 and <= 100 ? maxRetries : throw new ArgumentException("MaxRetries must be between 0 and 100.", nameof(maxRetries));
        Discount = discount is > 0 and <= 1 ? discount : throw new ArgumentException("Discount must be in (0, 1].", nameof(discount));
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(120);
        OrphanAge = orphanAge ?? TimeSpan.Zero;
        if (RequestTimeout <= TimeSpan.Zero || OrphanAge < TimeSpan.Zero)
        {
            throw new ArgumentException("RequestTimeout must be positive and OrphanAge non-negative.", nameof(requestTimeout));
        }

        MaxCost = maxCost is null or > 0 ? maxCost : throw new ArgumentException("MaxCost must be positive.", nameof(maxCost));
    }

    public int MaxRequests { get; }

    public long MaxBytes { get; }

    public TimeSpan Linger { get; }

    public TimeSpan PollInitial { get; }

    public TimeSpan PollMax { get; }

    public int MaxRetries { get; }

    public decimal Discount { get; }

    /// <summary>How long one call to the batch endpoint (submit, status, results, list) may take.</summary>
    public TimeSpan RequestTimeout { get; }

    public TimeSpan OrphanAge { get; }

    public decimal? MaxCost { get; }
}
