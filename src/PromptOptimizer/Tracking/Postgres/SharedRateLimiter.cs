using System.Threading.RateLimiting;
using Npgsql;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>
/// A rate limit shared by every worker on every machine: the grant log lives in one <c>rate_limits</c> row that the
/// <c>po_rate_acquire</c> function updates under its row lock, with the database server's clock as the only clock,
/// so N processes together never grant more than <see cref="SharedRateLimiterOptions.PermitLimit"/> permits in any
/// window (no clock skew between machines can break that). Waiting callers poll: there is no way to be woken by a
/// remote lock's release, so they sleep (on the <see cref="TimeProvider"/>) for the database's hint, capped. While the
/// database is away a caller waits for it under the store's outage budget, as the store's own calls do.
/// </summary>
internal sealed class SharedRateLimiter : RateLimiter
{
    private const string AcquireSql = "SELECT granted, granted_at, retry_after_us FROM po_rate_acquire(@name, @limit, @window, @count, @spacing);";

    private readonly NpgsqlDataSource _dataSource;
    private readonly SharedRateLimiterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly StoreOutage? _outage;
    private long _successes;
    private long _failures;
    private long _lastGrantTimestamp;
    private int _disposed;
    private readonly Lock _roundTripLock = new();
    private TimeSpan _fastestRoundTrip = TimeSpan.MaxValue;

    /// <param name="dataSource">A data source on a database initialized by <see cref="PostgresCompletionStore"/>.</param>
    /// <param name="outage">The store's wait for its database; without it a failed round trip fails the acquisition.</param>
    public SharedRateLimiter(NpgsqlDataSource dataSource, SharedRateLimiterOptions options, TimeProvider timeProvider, StoreOutage? outage = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dataSource = dataSource;
        _options = options;
        _timeProvider = timeProvider;
        _outage = outage;
        _lastGrantTimestamp = timeProvider.GetTimestamp();
    }

    public SharedRateLimiterOptions Options => _options;

    public override TimeSpan? IdleDuration => _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastGrantTimestamp));

    /// <summary>Counts of this process's grants and refusals; available permits are not known without asking the database.</summary>
    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = 0,
        CurrentQueuedCount = 0,
        TotalSuccessfulLeases = Interlocked.Read(ref _successes),
        TotalFailedLeases = Interlocked.Read(ref _failures),
    };

    /// <summary>One synchronous try (a round trip to the database); prefer <see cref="RateLimiter.AcquireAsync"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Check(permitCount);
        if (permitCount == 0)
        {
            return SharedRateLimitLease.Granted(_timeProvider.GetUtcNow());
        }

        using var connection = _dataSource.OpenConnection();
        var askedAt = _timeProvider.GetTimestamp();
        using var command = CreateCommand(connection, permitCount);
        using var reader = command.ExecuteReader();
        reader.Read();
        var fastest = ObserveRoundTrip(askedAt);
        return reader.GetBoolean(0)
            ? Granted(reader.GetFieldValue<DateTimeOffset>(1), askedAt, fastest)
            : Refused(reader.GetInt64(2));
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Check(permitCount);
        if (permitCount == 0)
        {
            return SharedRateLimitLease.Granted(_timeProvider.GetUtcNow());
        }

        while (true)
        {
            var (lease, retryAfter) = _outage is null
                ? await TryOnceAsync(permitCount, cancellationToken).ConfigureAwait(false)
                : await _outage.ExecuteAsync(token => TryOnceAsync(permitCount, token), cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                return lease;
            }

            var delay = retryAfter < _options.MaxPollDelay ? retryAfter : _options.MaxPollDelay;
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The data source belongs to the store that made this limiter.
        Interlocked.Exchange(ref _disposed, 1);
        base.Dispose(disposing);
    }

    private async Task<(RateLimitLease? Lease, TimeSpan RetryAfter)> TryOnceAsync(int permitCount, CancellationToken cancellationToken)
    {
        // The grant happens within this query's round trip, so its start bounds the grant's age from above on our own
        // clock. The connection is taken first: a wait for the pool or a new connection is not part of the permit's age.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var askedAt = _timeProvider.GetTimestamp();
        await using var command = CreateCommand(connection, permitCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var fastest = ObserveRoundTrip(askedAt);
        var granted = reader.GetBoolean(0);
        var retryMicroseconds = reader.GetInt64(2);
        if (!granted)
        {
            Interlocked.Increment(ref _failures);
            return (null, TimeSpan.FromMicroseconds(Math.Max(1, retryMicroseconds)));
        }

        return (Granted(reader.GetFieldValue<DateTimeOffset>(1), askedAt, fastest), TimeSpan.Zero);
    }

    private SharedRateLimitLease Refused(long retryMicroseconds)
    {
        Interlocked.Increment(ref _failures);
        return SharedRateLimitLease.Refused(TimeSpan.FromMicroseconds(Math.Max(1, retryMicroseconds)));
    }

    /// <summary>
    /// Records the round trip of a query sent at <paramref name="askedAt"/> and returns the fastest of the earlier ones
    /// (zero before any). Every request pays at least that much between asking and the grant reaching it, so it shifts
    /// all arrivals alike and cannot bunch them: a permit's age is judged beyond it, or a database tens of milliseconds
    /// away would expire every permit. The query's own round trip is left out, so a stalled one counts in full, even
    /// the first (a distant database costs the first permit or so instead).
    /// </summary>
    private TimeSpan ObserveRoundTrip(long askedAt)
    {
        var roundTrip = _timeProvider.GetElapsedTime(askedAt);
        lock (_roundTripLock)
        {
            var earlier = _fastestRoundTrip == TimeSpan.MaxValue ? TimeSpan.Zero : _fastestRoundTrip;
            _fastestRoundTrip = roundTrip < _fastestRoundTrip ? roundTrip : _fastestRoundTrip;
            return earlier;
        }
    }

    private SharedRateLimitLease Granted(DateTimeOffset at, long askedAt, TimeSpan fastestRoundTrip)
    {
        Interlocked.Increment(ref _successes);
        Interlocked.Exchange(ref _lastGrantTimestamp, _timeProvider.GetTimestamp());
        return SharedRateLimitLease.Granted(at, _timeProvider, askedAt, _options.MaxGrantAge + fastestRoundTrip);
    }

    private NpgsqlCommand CreateCommand(NpgsqlConnection connection, int permitCount)
    {
        var command = new NpgsqlCommand(AcquireSql, connection);
        command.AddText("name", _options.Name);
        command.AddInteger("limit", _options.PermitLimit);
        command.AddBigint("window", (long)Math.Ceiling(_options.Window.TotalMicroseconds));
        command.AddInteger("count", permitCount);
        command.AddBigint("spacing", (long)Math.Ceiling(_options.Spacing.TotalMicroseconds));
        return command;
    }

    private void Check(int permitCount)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _options.PermitLimit);
    }
}
