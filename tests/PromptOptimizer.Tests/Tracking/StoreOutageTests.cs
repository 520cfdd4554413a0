using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>The wait for a store that went away: transient failures wait, others do not, and a give-up ends every wait.</summary>
public sealed class StoreOutageTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly StoreOutage _outage;

    public StoreOutageTests() => _outage = new StoreOutage(ex => ex is IOException, _time);

    public void Dispose() => _outage.Dispose();

    [Fact]
    public async Task ExecuteAsync_NotTransient_ThrowsAtOnceWithoutAnOutage()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _outage.ExecuteAsync<int>(_ => throw new InvalidOperationException("bug"), default));

        Assert.False(_outage.InOutage);
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailures_WaitsInTheOutageUntilGivenUp()
    {
        var calls = 0;
        var waiting = _outage.ExecuteAsync<int>(_ =>
        {
            Interlocked.Increment(ref calls);
            throw new IOException("connection refused");
        }, default);
        await Poll.UntilAsync(() => _outage.InOutage, TimeSpan.FromSeconds(10), "the outage began");

        _outage.GiveUp();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => waiting).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Volatile.Read(ref calls));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _outage.ExecuteAsync(_ => Task.FromResult(1), default));
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailuresPastTheBudget_ThrowsStoreUnavailable()
    {
        _outage.Budget = TimeSpan.FromSeconds(10);
        var waiting = _outage.ExecuteAsync<int>(_ => throw new IOException("connection refused"), default);
        await Poll.UntilAsync(() => _outage.InOutage, TimeSpan.FromSeconds(10), "the outage began");

        // Each advance releases the pending backoff delay; the retry after the budget gives up.
        await Poll.UntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            return waiting.IsCompleted;
        }, TimeSpan.FromSeconds(10), "the budget ran out");

        var thrown = await Assert.ThrowsAsync<StoreUnavailableException>(() => waiting);
        Assert.Contains("outage budget (10 s)", thrown.Message, StringComparison.Ordinal);
    }
}
