using System.Threading.RateLimiting;

namespace PromptOptimizer.Providers;

/// <summary>A lease from <see cref="AdaptiveRateLimiter"/>; remembers when it was granted so a refusal can be attributed.</summary>
internal sealed class PacedLease(bool acquired, TimeSpan grantedAt) : RateLimitLease
{
    /// <summary>The lease handed out when the limiter is disposed while a caller waits.</summary>
    public static readonly PacedLease Failed = new(false, TimeSpan.Zero);

    /// <summary>Offset on the limiter's monotonic clock.</summary>
    public TimeSpan GrantedAt { get; } = grantedAt;

    public override bool IsAcquired { get; } = acquired;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
