using Xunit.Abstractions;
using PromptOptimizer.Cli;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>
/// A worker process of the real CLI loses its provider mid-run: the simulator, a child process, is killed and started
/// again on its port (as in <c>Reliability/ProviderOutageTests</c>, for a local run). Retry settings that would spend
/// every retry within the outage show that the worker's topics wait for the provider instead of failing.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class WorkerProviderOutageTests(ITestOutputHelper output) : WorkerProcessTest
{
    private const int Topics = 200;
    private const int KillAfter = 20;

    [SkippableFact]
    public async Task Work_SimulatorKilledAndRestartedMidRun_NoTopicFailsAndTheWorkerExitsZero()
    {
        await CreateDatabaseAsync();
        // Half a second for every answer: the worker (10 at once) finishes at most 20 topics a second, so the kill lands mid-run.
        await using var rig = await OutageRig.StartAsync(Cli, Database.ConnectionString, Topics, latencyMs: "500", latencySigma: "0");
        using var worker = rig.Worker(0, null, "--lease-seconds", "30", "--max-retries", "2", "--retry-base-delay", "50");
        await Poll.UntilAsync(async () => await CountAsync("status = 'completed'") >= KillAfter || worker.HasExited,
            TimeSpan.FromSeconds(60), $"{KillAfter} topics completed");
        await rig.Sim.KillAsync();
        Assert.False(worker.HasExited, "the worker ended before the outage:\n" + worker.Output);
        Assert.InRange(await CountAsync("status = 'completed'"), KillAfter, Topics - KillAfter);

        await Task.Delay(TimeSpan.FromSeconds(8)); // the outage itself (longer than the circuit's 5 s break), not a synchronisation
        await rig.Sim.RestartAsync();

        var exit = await worker.WaitForExitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine(worker.Output);
        Assert.True(exit == ExitCodes.Success, $"exit {exit}:\n{worker.Output}");
        Assert.Contains("failed 0", worker.Output, StringComparison.Ordinal);
        Assert.Equal(Topics, await CountAsync("status = 'completed' AND result_json IS NOT NULL"));
        Assert.Equal(0, await CountAsync("lease_until IS NOT NULL OR status <> 'completed'"));
        Assert.Equal(Topics, rig.OutputCount(0));
        Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
    }
}
