using System.Threading.RateLimiting;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>A shared permit: nothing to give back (the window frees it), but it says when the database granted it.</summary>
internal sealed class SharedRateLimitLease : RateLimitLease
{
    /// <summary>Metadata name of the grant time (<see cref="DateTimeOffset"/>, the database server's clock).</summary>
    public const string GrantedAtName = "GRANTED_AT";

    private readonly DateTimeOffset? grantedAt;
    private readonly TimeSpan? retryAfter;

    private SharedRateLimitLease(bool acquired, DateTimeOffset? grantedAt, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        this.grantedAt = grantedAt;
        this.retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    /// <summary>When the permit was granted, by the database's clock; null for a failed lease.</summary>
    public DateTimeOffset? GrantedAt => grantedAt;

    public override IEnumerable<string> MetadataNames
    {
        get
        {
            if (grantedAt is not null)
            {
                yield return GrantedAtName;
            }

            if (retryAfter is not null)
            {
                yield return MetadataName.RetryAfter.Name;
            }
        }
    }

    public static SharedRateLimitLease Granted(DateTimeOffset at) => new(true, at, null);

    public static SharedRateLimitLease Refused(TimeSpan? retryAfter) => new(false, null, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == GrantedAtName && grantedAt is { } at)
        {
            metadata = at;
            return true;
        }

        if (metadataName == MetadataName.RetryAfter.Name && retryAfter is { } retry)
        {
            metadata = retry;
            return true;
        }

        metadata = null;
        return false;
    }
}
