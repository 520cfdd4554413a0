using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Defaults_MatchDocumentedValues()
    {
        var options = new SimulatorOptions();

        Assert.Equal(0, options.Port);
        Assert.Equal(0.6, options.LatencySigma);
        Assert.Equal(1, options.Seed);
        Assert.Same(FaultSpec.None, options.Faults);
        Assert.Null(options.ExaQps);
        Assert.Equal(0.007m, options.WebSearchFee);
        Assert.True(options.RequireKeys);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.BatchLatency);
        Assert.Equal(0.5m, options.BatchPriceFactor);
    }

    [Fact]
    public void Init_InvalidValues_ThrowArgumentExceptionNamingProperty()
    {
        Assert.Equal("Port", Assert.Throws<ArgumentException>(() => new SimulatorOptions { Port = 70000 }).ParamName);
        Assert.Equal("LatencyMs", Assert.Throws<ArgumentException>(() => new SimulatorOptions { LatencyMs = -1 }).ParamName);
        Assert.Equal("LatencySigma", Assert.Throws<ArgumentException>(() => new SimulatorOptions { LatencySigma = double.NaN }).ParamName);
        Assert.Equal("ExaQps", Assert.Throws<ArgumentException>(() => new SimulatorOptions { ExaQps = 0 }).ParamName);
        Assert.Equal("ChatRps", Assert.Throws<ArgumentException>(() => new SimulatorOptions { ChatRps = -2 }).ParamName);
        Assert.Equal("Faults", Assert.Throws<ArgumentException>(() => new SimulatorOptions { Faults = null! }).ParamName);
        Assert.Equal("PromptPricePerToken", Assert.Throws<ArgumentException>(() => new SimulatorOptions { PromptPricePerToken = -1m }).ParamName);
        Assert.Equal("BatchLatency", Assert.Throws<ArgumentException>(() => new SimulatorOptions { BatchLatency = TimeSpan.FromSeconds(-1) }).ParamName);
        Assert.Equal("BatchPriceFactor", Assert.Throws<ArgumentException>(() => new SimulatorOptions { BatchPriceFactor = 1.5m }).ParamName);
    }

    [Fact]
    public async Task StartAsync_WithLatency_DelaysAnswers()
    {
        await using var sim = await ProviderSimulator.StartAsync(
            new SimulatorOptions { LatencyMs = 60, LatencySigma = 0 }, CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search());

        Assert.True(response.IsSuccessStatusCode);
        Assert.True(sim.GetStats().MeanLatencyMs[SimEndpoints.Search] >= 55, "the answer came before the configured latency");
    }

    [Fact]
    public async Task SimulatorHost_RunAsync_PrintsBaseUrlThenStopsOnCancel()
    {
        using var cts = new CancellationTokenSource();
        var log = new LineSignalWriter();

        var run = SimulatorHost.RunAsync(new SimulatorOptions(), log, cts.Token);
        var firstLine = await log.FirstLine.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Matches(@"^Simulator listening on http://127\.0\.0\.1:\d+/", firstLine);
        Assert.Contains("Simulator stopped", log.ToString(), StringComparison.Ordinal);
    }
}
