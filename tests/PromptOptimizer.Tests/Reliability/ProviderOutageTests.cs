using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>
/// The provider goes away mid-run: the simulator, a child process, is killed and later started again on its port.
/// Retry settings that would spend every retry within the outage show that waiting for the provider spends none.
/// Every answer takes the simulator a full second, so the run can finish at most <c>--concurrent</c> topics a second
/// however the machine schedules it: the kill lands mid-run without racing the run's speed.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class ProviderOutageTests : IDisposable
{
    private const int Topics = 300;
    private const int KillAfter = 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly CliHarness _cli = new();

    public ProviderOutageTests()
    {
        _cli.TopicsDir = Path.Combine(_cli.Root, "topics");
        Directory.CreateDirectory(Path.Combine(_cli.TopicsDir, "outage"));
        for (var i = 0; i < Topics; i++)
        {
            File.WriteAllText(Path.Combine(_cli.TopicsDir, "outage", $"t{i:000}.json"), $"{{\"title\":\"outage topic {i}\",\"card_count\":2}}");
        }

        _cli.WithEnvironment("OPENROUTER_API_KEY", SimulatedRun.OpenRouterKey).WithEnvironment("EXA_API_KEY", SimulatedRun.ExaKey);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SimulatorKilledAndRestartedMidRun_NoTopicFailsAndEveryTopicIsWritten()
    {
        await using var sim = await StartSimulatorAsync();
        var run = RunAsync();
        await KillAfterFirstOutputsAsync(sim);
        await Task.Delay(TimeSpan.FromSeconds(20)); // the outage of the issue, not a synchronisation
        await sim.RestartAsync();
        var exit = await run.WaitAsync(Deadline);

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Contains("openrouter unreachable: pausing its calls", _cli.Output, StringComparison.Ordinal);
        var rows = await StateCheck.AssertConsistentAsync(_cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, rows.Count(r => r.Status == TopicStatus.Completed));
        Assert.Equal(Topics, ProcessWait.CountOutputs(_cli.OutputDir));
    }

    [Fact]
    public async Task SimulatorDownLongerThanTheOutageAllowance_StopsWithExitThreeAndResumeFinishesTheRest()
    {
        await using var sim = await StartSimulatorAsync();
        var run = RunAsync("--provider-outage", "3");
        await KillAfterFirstOutputsAsync(sim);
        var exit = await run.WaitAsync(Deadline);

        Assert.True(exit == ExitCodes.Stopped, _cli.Output + _cli.Error);
        Assert.Contains("Stopped: openrouter: unreachable since", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Resume with: prompt-optimizer --flashcards --use-web-plugin --resume", _cli.Output, StringComparison.Ordinal);
        var rows = await StateCheck.AssertConsistentAsync(_cli, RunVariant.FlashcardsWeb);
        Assert.DoesNotContain(rows, r => r.Status == TopicStatus.Failed);
        Assert.InRange(rows.Count(r => r.Status == TopicStatus.Completed), KillAfter, Topics - KillAfter);

        await sim.RestartAsync();
        exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--resume", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        rows = await StateCheck.AssertConsistentAsync(_cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, rows.Count(r => r.Status == TopicStatus.Completed));
    }

    private Task<int> RunAsync(params string[] extra) => Task.Run(() => _cli.RunAsync(
        ["--flashcards", "--use-web-plugin", "--force", "--plain", "--concurrent", "20", "--batch-delay", "0", "--max-retries", "2", "--retry-base-delay", "50", .. extra]));

    private async Task<SimulatorChild> StartSimulatorAsync()
    {
        var sim = await SimulatorChild.StartAsync("--latency", "1000", "--latency-sigma", "0");
        _cli.WithEnvironment("OPENROUTER_BASE_URL", sim.OpenRouterBaseUri.AbsoluteUri);
        return sim;
    }

    private async Task KillAfterFirstOutputsAsync(SimulatorChild sim)
    {
        // Mid-run: some topics are written, most are not. At 20 topics a second at most, the 280 left take 14 s or more,
        // far longer than the step from seeing the 20th output to the kill, however loaded the machine is.
        await ProcessWait.UntilAsync(() => ProcessWait.CountOutputs(_cli.OutputDir) >= KillAfter, Deadline, $"the first {KillAfter} outputs");
        await sim.KillAsync();
        Assert.InRange(ProcessWait.CountOutputs(_cli.OutputDir), KillAfter, Topics - KillAfter);
    }
}
