using System.Threading.RateLimiting;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

/// <summary>A limiter whose first <c>expired</c> permits are already too old to spend (as after a stall); counts what it hands out.</summary>
internal sealed class ExpiringLeaseLimiter(int expired) : RateLimiter
{
    private int _granted;
    private int _disposedLeases;

    public int Granted => Volatile.Read(ref _granted);

    /// <summary>How many of the granted permits their caller gave back unspent or after use.</summary>
    public int DisposedLeases => Volatile.Read(ref _disposedLeases);

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => new() { TotalSuccessfulLeases = Granted };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Grant();

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => ValueTask.FromResult<RateLimitLease>(Grant());

    private Lease Grant() => new(this, Interlocked.Increment(ref _granted) <= expired);

    private sealed class Lease(ExpiringLeaseLimiter owner, bool isExpired) : RateLimitLease, IExpiringLease
    {
        public override bool IsAcquired => true;

        public bool IsExpired => isExpired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Interlocked.Increment(ref owner._disposedLeases);
            }

            base.Dispose(disposing);
        }
    }
}
