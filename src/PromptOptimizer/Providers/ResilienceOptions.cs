namespace PromptOptimizer.Providers;

/// <summary>How provider calls are retried and timed out. Validated once, here.</summary>
internal sealed record ResilienceOptions
{
    public ResilienceOptions(int maxRetries = 4, TimeSpan? requestTimeout = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        if (maxRetries is < 0 or > 100)
        {
            throw new ArgumentException("MaxRetries must be between 0 and 100.", nameof(maxRetries));
        }

        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(120);
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RequestTimeout must be positive.", nameof(requestTimeout));
        }

        BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(60);
        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentException("BaseDelay must be non-negative and not above MaxDelay.", nameof(baseDelay));
        }

        MaxRetries = maxRetries;
    }

    /// <summary>Retries after the first attempt (so at most MaxRetries + 1 attempts).</summary>
    public int MaxRetries { get; }

    /// <summary>Limit for one attempt, from sending to the whole body read.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The first backoff ceiling; doubles per retry (full jitter below it).</summary>
    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }
}
