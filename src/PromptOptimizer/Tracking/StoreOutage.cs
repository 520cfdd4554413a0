using Polly;
using Polly.Retry;

namespace PromptOptimizer.Tracking;

/// <summary>
/// How long a store may be away. Failures the store calls transient (a refused or reset connection, a server shutting
/// down) are retried with backoff, and every caller shares one outage clock: the first failure starts it, any success
/// stops it. Once the store has been unreachable for <see cref="Budget"/>, or <see cref="GiveUp"/> was called, every
/// waiting and every new call fails with <see cref="StoreUnavailableException"/>. One budget rather than retries per
/// call, so that a hundred waiting writes give up together, and a result that finished meanwhile simply waits in its
/// pending write (its output file is already on disk) until the database is back.
/// </summary>
internal sealed class StoreOutage : IDisposable
{
    /// <summary>Less than a worker's default lease (300 s), so a worker gives up before its leases can run out.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(120);

    private readonly Func<Exception, bool> _isTransient;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;
    private readonly CancellationTokenSource _givenUp = new();
    private long _outageStarted;
    private TimeSpan _budget = DefaultBudget;

    /// <param name="isTransient">The store's own judgement of a failure: worth waiting for, or not.</param>
    public StoreOutage(Func<Exception, bool> isTransient, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(isTransient);
        ArgumentNullException.ThrowIfNull(time);
        _isTransient = isTransient;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && Waits(ex)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
            })
            .Build();
    }

    /// <summary>How long the store may stay unreachable before every call gives up.</summary>
    public TimeSpan Budget
    {
        get => _budget;
        set
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException("Budget must be positive.", nameof(value));
            }

            _budget = value;
        }
    }

    /// <summary>Whether an outage is going on now (a transient failure not yet followed by a success).</summary>
    public bool InOutage => Interlocked.Read(ref _outageStarted) != 0;

    /// <summary>Whether the store calls <paramref name="exception"/> transient: worth waiting for under the budget.</summary>
    public bool IsTransient(Exception exception) => _isTransient(exception);

    /// <summary>Ends every wait now (an interrupted worker must not wait out the budget).</summary>
    public void GiveUp() => _givenUp.Cancel();

    /// <summary>Runs <paramref name="action"/>, waiting out transient failures within the budget.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_givenUp.IsCancellationRequested)
        {
            throw new StoreUnavailableException("the completion store is unreachable and the worker is stopping");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _givenUp.Token);
        try
        {
            var result = await _pipeline.ExecuteAsync(async token => await action(token).ConfigureAwait(false), linked.Token).ConfigureAwait(false);
            Interlocked.Exchange(ref _outageStarted, 0);
            return result;
        }
        catch (Exception ex) when (_isTransient(ex) || (ex is OperationCanceledException && _givenUp.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            throw new StoreUnavailableException(
                $"the completion store was unreachable for longer than the outage budget ({_budget.TotalSeconds:0} s): {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _givenUp.Dispose();

    private bool Waits(Exception exception)
    {
        if (!_isTransient(exception))
        {
            return false;
        }

        Interlocked.CompareExchange(ref _outageStarted, _time.GetTimestamp(), 0);
        var started = Interlocked.Read(ref _outageStarted);
        return !_givenUp.IsCancellationRequested && (started == 0 || _time.GetElapsedTime(started) < _budget);
    }
}
