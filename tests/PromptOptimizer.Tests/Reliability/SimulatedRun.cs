using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>
/// The CLI in process against a simulator the test controls (faults, scripts, stats); the simulator can be replaced
/// by a healthy one to show that the work finishes once a fault is gone.
/// </summary>
internal sealed class SimulatedRun : IAsyncDisposable
{
    public const string OpenRouterKey = "reliability-openrouter-key-0001";
    public const string ExaKey = "reliability-exa-key-0001";

    private SimulatedRun(ProviderSimulator sim, string openRouterKey, string exaKey)
    {
        Sim = sim;
        Cli.WithEnvironment("OPENROUTER_API_KEY", openRouterKey).WithEnvironment("EXA_API_KEY", exaKey);
        PointAt(sim);
    }

    public CliHarness Cli { get; } = new();

    public ProviderSimulator Sim { get; private set; }

    public static async Task<SimulatedRun> StartAsync(SimulatorOptions? options = null, string openRouterKey = OpenRouterKey, string exaKey = ExaKey) =>
        new(await ProviderSimulator.StartAsync(options ?? new SimulatorOptions(), CancellationToken.None), openRouterKey, exaKey);

    /// <summary>The environment of a CLI child process pointed at <paramref name="sim"/>, with this class's keys.</summary>
    public static Dictionary<string, string> ChildEnvironment(ProviderSimulator sim) => new(StringComparer.Ordinal)
    {
        ["OPENROUTER_API_KEY"] = OpenRouterKey,
        ["EXA_API_KEY"] = ExaKey,
        ["OPENROUTER_BASE_URL"] = sim.OpenRouterBaseUri.AbsoluteUri,
        ["EXA_BASE_URL"] = sim.ExaBaseUri.AbsoluteUri,
    };

    /// <summary>Stops the current simulator and points the CLI at a new one (e.g. without faults).</summary>
    public async Task ReplaceSimulatorAsync(SimulatorOptions options)
    {
        await Sim.DisposeAsync();
        Sim = await ProviderSimulator.StartAsync(options, CancellationToken.None);
        PointAt(Sim);
    }

    /// <summary>A run with fast, quiet defaults: plain progress, no batch delay, 1 ms retry backoff, unattended.</summary>
    public Task<int> RunAsync(params string[] args) =>
        Cli.RunAsync([.. args, "--plain", "--batch-delay", "0", "--retry-base-delay", "1", "--exa-qps", "1000"]);

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        Cli.Dispose();
    }

    private void PointAt(ProviderSimulator sim) =>
        Cli.WithEnvironment("OPENROUTER_BASE_URL", sim.OpenRouterBaseUri.AbsoluteUri).WithEnvironment("EXA_BASE_URL", sim.ExaBaseUri.AbsoluteUri);
}
