using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

/// <summary>The circuit in <see cref="ProviderGate"/>: opened by an outage across callers, probed, given up on.</summary>
public sealed class ProviderGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly ProviderError Refused = new("p", ErrorKind.Transient, "connection failed: Connection refused", null, IsTransient: true, StopsRun: false);
    private static readonly ProviderError BadRequest = new("p", ErrorKind.BadRequest, "bad", 400, IsTransient: false, StopsRun: false);

    private readonly FakeTimeProvider _time = new();
    private readonly ProviderGate _gate;

    public ProviderGateTests() => _gate = new ProviderGate("p", _time, new ResilienceOptions(providerOutage: Outage, circuitBreak: Break));

    [Fact]
    public async Task Record_OneCallerFailingAgainAndAgain_DoesNotOpenTheCircuit()
    {
        var topic = new object();

        for (var i = 0; i < 10; i++)
        {
            Assert.False(_gate.Record(topic, Refused));
        }

        Assert.Null(_gate.DownSince);
        Assert.True(await _gate.WaitAsync(new object(), CancellationToken.None).AsTask().WaitAsync(Deadline));
    }

    [Fact]
    public void Record_AnAnswerBetweenFailures_StartsTheCountAgain()
    {
        Assert.False(_gate.Record(new object(), Refused));
        Assert.False(_gate.Record(new object(), Refused));
        Assert.False(_gate.Record(new object(), BadRequest));
        Assert.False(_gate.Record(new object(), Refused));

        Assert.Null(_gate.DownSince);
    }

    [Fact]
    public async Task Record_CallersFailingAcrossTopics_OpensAndHoldsEveryCallerUntilTheBreakEnds()
    {
        var cooldowns = new List<string>();
        _gate.CooldownStarted += (_, until, reason) => cooldowns.Add($"{reason} {until - _time.GetUtcNow()}");

        Assert.False(_gate.Record(new object(), Refused));
        Assert.False(_gate.Record(new object(), Refused));
        Assert.True(_gate.Record(new object(), Refused));
        var waiting = _gate.WaitAsync(new object(), CancellationToken.None).AsTask();

        Assert.Equal(_time.GetUtcNow(), _gate.DownSince);
        Assert.Equal([$"unreachable {Break}"], cooldowns);
        Assert.False(waiting.IsCompleted);
        _time.Advance(Break);
        Assert.True(await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task WaitAsync_HalfOpen_OneProbeGoesAndItsAnswerReleasesTheOthers()
    {
        Open();
        _time.Advance(Break);
        var probe = new object();
        Assert.True(await _gate.WaitAsync(probe, CancellationToken.None).AsTask().WaitAsync(Deadline));

        var other = _gate.WaitAsync(new object(), CancellationToken.None).AsTask();
        Assert.False(other.IsCompleted);
        Assert.False(_gate.Record(probe, null));

        Assert.True(await other.WaitAsync(Deadline));
        Assert.Null(_gate.DownSince);
    }

    [Fact]
    public async Task Record_ProbeFails_ReopensForAnotherBreakAndTheFailureIsTheOutages()
    {
        Open();
        _time.Advance(Break);
        var probe = new object();
        Assert.True(await _gate.WaitAsync(probe, CancellationToken.None).AsTask().WaitAsync(Deadline));
        var other = _gate.WaitAsync(new object(), CancellationToken.None).AsTask();

        Assert.True(_gate.Record(probe, Refused));

        Assert.False(other.IsCompleted);
        _time.Advance(Break);
        Assert.True(await other.WaitAsync(Deadline));
        Assert.NotNull(_gate.DownSince);
    }

    [Fact]
    public async Task Abandon_ProbeCancelled_TheNextCallerProbes()
    {
        Open();
        _time.Advance(Break);
        var probe = new object();
        Assert.True(await _gate.WaitAsync(probe, CancellationToken.None).AsTask().WaitAsync(Deadline));
        var other = _gate.WaitAsync(new object(), CancellationToken.None).AsTask();

        _gate.Abandon(probe);

        Assert.True(await other.WaitAsync(Deadline));
    }

    [Fact]
    public async Task WaitAsync_OutageLongerThanAllowed_RefusesEveryCallerAndRaisesTheEventOnce()
    {
        var outlasted = new List<ProviderError>();
        _gate.OutageOutlasted += outlasted.Add;
        Open();
        var waiting = _gate.WaitAsync(new object(), CancellationToken.None).AsTask();

        _time.Advance(Outage);

        Assert.False(await waiting.WaitAsync(Deadline));
        Assert.False(await _gate.WaitAsync(new object(), CancellationToken.None).AsTask().WaitAsync(Deadline));
        var error = Assert.Single(outlasted);
        Assert.True(error.StopsRun);
        Assert.False(error.IsTransient);
        Assert.StartsWith("p: unreachable since", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitAsync_CallerArrivesWhileTheOutageIsBeingReported_IsRefusedOnlyAfterTheEventHasRun()
    {
        // A caller refused before the run heard of the outage would fail its topic instead of going back to pending:
        // one that comes while the event runs (here: from the handler itself) waits for the handler to finish.
        Task<bool>? during = null;
        _gate.OutageOutlasted += _ =>
        {
            during = _gate.WaitAsync(new object(), CancellationToken.None).AsTask();
            Assert.False(during.IsCompleted);
        };
        Open();
        var waiting = _gate.WaitAsync(new object(), CancellationToken.None).AsTask();

        _time.Advance(Outage);

        Assert.False(await waiting.WaitAsync(Deadline));
        Assert.NotNull(during);
        Assert.False(await during.WaitAsync(Deadline));
    }

    [Fact]
    public async Task WaitAsync_ProviderBackBeforeTheAllowanceEnds_NothingIsGivenUp()
    {
        var outlasted = 0;
        _gate.OutageOutlasted += _ => outlasted++;
        Open();
        _time.Advance(Outage - TimeSpan.FromSeconds(1));
        var probe = new object();
        Assert.True(await _gate.WaitAsync(probe, CancellationToken.None).AsTask().WaitAsync(Deadline));

        Assert.False(_gate.Record(probe, null));
        _time.Advance(Outage);

        Assert.True(await _gate.WaitAsync(new object(), CancellationToken.None).AsTask().WaitAsync(Deadline));
        Assert.Equal(0, outlasted);
    }

    private void Open()
    {
        for (var i = 0; i < ProviderGate.CallersToOpen; i++)
        {
            _gate.Record(new object(), Refused);
        }

        Assert.NotNull(_gate.DownSince);
    }
}
