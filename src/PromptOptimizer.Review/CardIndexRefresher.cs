using PromptOptimizer.Tracking;

namespace PromptOptimizer.Review;

/// <summary>
/// Keeps the card index following a run in the background, so that no request waits for it: at start and then on
/// every tick of a <see cref="PeriodicTimer"/> on the injected clock, it indexes the results the store kept for topics
/// completed since the last tick (read on from the last completion seen) and then the output files written, rewritten
/// or removed. A step that fails leaves the index as it was and the next tick tries again; the first tick lets the
/// index's reads through even when it fails, so the page shows what the index already held.
/// </summary>
/// <remarks>
/// Completion times come from the workers' clocks, and the position is kept in memory: a result recorded late with an
/// earlier time than one already seen (a worker's completion held through a database outage, or a worker whose clock
/// is behind) shows after the next start of the page, which reads the kept results from the beginning again.
/// </remarks>
internal sealed class CardIndexRefresher : IAsyncDisposable
{
    /// <summary>How many completed topics one store read returns.</summary>
    public const int PageSize = 200;

    private readonly CardIndex _index;
    private readonly IReviewStore? _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private CompletionPosition _position = CompletionPosition.Start;
    private Task? _loop;

    /// <param name="store">Where completions are followed; null to follow the output directory only.</param>
    /// <param name="interval">Between the starts of two ticks; a new card shows on the page at most this long after it is written.</param>
    public CardIndexRefresher(CardIndex index, IReviewStore? store, TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _index = index;
        _store = store;
        _time = time;
        _interval = interval;
    }

    /// <summary>The last tick's failure, or null when it succeeded.</summary>
    public string? LastError { get; private set; }

    /// <summary>Runs the first tick now and then one per interval until disposed.</summary>
    public void Start() => _loop ??= LoopAsync(_stop.Token);

    /// <summary>One refresh: the store's completions since the last one, then the output directory; a failure of one does not stop the other.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var error = await AttemptAsync(FollowStoreAsync, cancellationToken).ConfigureAwait(false);
            LastError = await AttemptAsync(_index.RefreshAsync, cancellationToken).ConfigureAwait(false) ?? error;
        }
        finally
        {
            _index.MarkReady();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is the normal end of the loop.
            }
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        // Off the caller's thread: the first tick may read every output file.
        await Task.Yield();
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            await TickAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Runs one step; a failure (the store away, a file system error) is returned as its message, and the next tick tries again.</summary>
    private static async Task<string?> AttemptAsync(Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    private async Task FollowStoreAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        while (true)
        {
            var page = await _store.GetCompletedSinceAsync(_position, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return;
            }

            await _index.ApplyCompletedAsync(page, cancellationToken).ConfigureAwait(false);
            _position = page[^1].Position;
            if (page.Count < PageSize)
            {
                return;
            }
        }
    }
}
