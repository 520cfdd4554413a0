using System.Threading.RateLimiting;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>
/// A shared permit: nothing to give back (the window frees it), but it says when the database granted it and, when the
/// limit sets <see cref="SharedRateLimiterOptions.MaxGrantAge"/>, when it is too old to be spent.
/// </summary>
internal sealed class SharedRateLimitLease : RateLimitLease, IExpiringLease
{
    /// <summary>Metadata name of the grant time (<see cref="DateTimeOffset"/>, the database server's clock).</summary>
    public const string GrantedAtName = "GRANTED_AT";

    private readonly DateTimeOffset? _grantedAt;
    private readonly TimeSpan? _retryAfter;
    private readonly TimeProvider? _clock;
    private readonly long _askedAt;
    private readonly TimeSpan? _maxAge;

    private SharedRateLimitLease(bool acquired, DateTimeOffset? grantedAt, TimeSpan? retryAfter, TimeProvider? clock = null, long askedAt = 0, TimeSpan? maxAge = null)
    {
        IsAcquired = acquired;
        _grantedAt = grantedAt;
        _retryAfter = retryAfter;
        _clock = clock;
        _askedAt = askedAt;
        _maxAge = maxAge;
    }

    public override bool IsAcquired { get; }

    /// <summary>
    /// True once more than the limit's <see cref="SharedRateLimiterOptions.MaxGrantAge"/>, plus the fastest earlier
    /// round trip its limiter had seen, has passed since the query that granted the permit was sent: by this process's clock
    /// alone, at least the grant's age beyond what every grant costs. What delays the request after the caller asked
    /// is not covered.
    /// </summary>
    public bool IsExpired => _maxAge is { } age && _clock is not null && _clock.GetElapsedTime(_askedAt) > age;

    /// <summary>When the permit was granted, by the database's clock; null for a failed lease.</summary>
    public DateTimeOffset? GrantedAt => _grantedAt;

    public override IEnumerable<string> MetadataNames
    {
        get
        {
            if (_grantedAt is not null)
            {
                yield return GrantedAtName;
            }

            if (_retryAfter is not null)
            {
                yield return MetadataName.RetryAfter.Name;
            }
        }
    }

    public static SharedRateLimitLease Granted(DateTimeOffset at) => new(true, at, null);

    /// <summary>A permit granted at <paramref name="at"/> (database clock) by a query sent at <paramref name="askedAt"/> (a timestamp of <paramref name="clock"/>), good for <paramref name="maxAge"/> from then.</summary>
    public static SharedRateLimitLease Granted(DateTimeOffset at, TimeProvider clock, long askedAt, TimeSpan? maxAge) => new(true, at, null, clock, askedAt, maxAge);

    public static SharedRateLimitLease Refused(TimeSpan? retryAfter) => new(false, null, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == GrantedAtName && _grantedAt is { } at)
        {
            metadata = at;
            return true;
        }

        if (metadataName == MetadataName.RetryAfter.Name && _retryAfter is { } retry)
        {
            metadata = retry;
            return true;
        }

        metadata = null;
        return false;
    }
}
