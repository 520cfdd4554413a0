using PromptOptimizer.Cli;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>
/// The declared Exa limit as the simulator counts it per second. It runs alone (<see cref="ProcessHeavyGroup"/>): the
/// simulator shares the test host, and with other tests running a pause of the shared thread pool held back arrivals
/// sent on time and counted them together, more in one second than the limit that was kept.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class DeclaredLimitTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_ExaQpsLimit_NeverExceededInAnyOneSecondWindow()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        _cli.WithEnvironment("OPENROUTER_API_KEY", "limit-test-openrouter-key")
            .WithEnvironment("EXA_API_KEY", "limit-test-exa-key")
            .WithEnvironment("OPENROUTER_BASE_URL", sim.OpenRouterBaseUri.AbsoluteUri)
            .WithEnvironment("EXA_BASE_URL", sim.ExaBaseUri.AbsoluteUri);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 30, cardCount: 2);

        var exit = await _cli.RunAsync("--flashcards", "--exa-qps", "10", "--concurrent", "30", "--batch-delay", "0", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        var stats = sim.GetStats();
        Assert.Equal(30, stats.RequestsTo("search"));
        Assert.InRange(stats.PeakRequestsPerSecond["search"], 1, 10);
    }
}
