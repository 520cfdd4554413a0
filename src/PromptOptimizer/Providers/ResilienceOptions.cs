namespace PromptOptimizer.Providers;

/// <summary>How provider calls are retried and timed out, and how long a provider may be down. Validated once, here.</summary>
internal sealed record ResilienceOptions
{
    public ResilienceOptions(
        int maxRetries = 4,
        TimeSpan? requestTimeout = null,
        TimeSpan? baseDelay = null,
        TimeSpan? maxDelay = null,
        TimeSpan? providerOutage = null,
        TimeSpan? circuitBreak = null)
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

        ProviderOutage = providerOutage ?? TimeSpan.FromMinutes(5);
        if (ProviderOutage <= TimeSpan.Zero)
        {
            throw new ArgumentException("ProviderOutage must be positive.", nameof(providerOutage));
        }

        CircuitBreak = circuitBreak ?? TimeSpan.FromSeconds(5);
        if (CircuitBreak <= TimeSpan.Zero)
        {
            throw new ArgumentException("CircuitBreak must be positive.", nameof(circuitBreak));
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

    /// <summary>How long a provider may stay unreachable before the run gives up on it and stops.</summary>
    public TimeSpan ProviderOutage { get; }

    /// <summary>How long calls wait, once a provider is found unreachable, before one request probes it again.</summary>
    public TimeSpan CircuitBreak { get; }
}
