using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>The batch engine through the real CLI and the simulator over loopback.</summary>
public sealed class BatchRunTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_FiveHundredTopicsWithFivePercentTransientFaults_CompletesEveryTopic()
    {
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 500, categories: 5, cardCount: 3);

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "2", "--sim-faults", "500=0.02,502=0.01,503=0.01,reset=0.01",
            "--concurrent", "100", "--batch-size", "50", "--batch-delay", "0", "--retry-base-delay", "5", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Equal(500, _cli.OutputFiles("flashcards").Count);
        Assert.Contains("  Completed: 500", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("database is locked", _cli.Output + _cli.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_ConcurrencyOneThousand_NoLockErrorsAndDatabaseMatchesFiles()
    {
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 1000, categories: 4, cardCount: 2);

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "1", "--concurrent", "1000", "--batch-size", "100", "--batch-delay", "0", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.DoesNotContain("locked", _cli.Output + _cli.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--json"));
        using var status = JsonDocument.Parse(_cli.Output);
        var completed = status.RootElement.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "completed").Sum(r => r.GetProperty("count").GetInt32());
        Assert.Equal(1000, completed);
        Assert.Equal(1000, Directory.GetFiles(Path.Combine(_cli.OutputDir, "flashcards"), "*.json", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Run_AccountErrorFromProvider_StopsWithExitThreeCheckpointAndResumeCommand()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        sim.AddScript(new SimScript("402", Times: 1000, Endpoint: "chat"));
        UseSimulator(sim);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 40, cardCount: 2);

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--concurrent", "4", "--batch-size", "4", "--batch-delay", "0", "--force", "--plain");

        Assert.Equal(ExitCodes.Stopped, exit);
        Assert.Contains("Resume with: prompt-optimizer --flashcards --use-web-plugin --resume", _cli.Output, StringComparison.Ordinal);
        Assert.True(sim.GetStats().RequestsTo("chat") < 40, "dispatching should stop at the first account error");
        var checkpoint = await CheckpointFile.ReadAsync(CheckpointFile.PathFor(_cli.StateDir, RunVariant.FlashcardsWeb), CancellationToken.None);
        Assert.Equal(CheckpointReadStatus.Ok, checkpoint.Status);
        Assert.False(checkpoint.Checkpoint!.Finished);
        Assert.True(checkpoint.Checkpoint.Remaining > 0);
        Assert.Empty(_cli.OutputFiles("flashcards"));
    }

    [Fact]
    public async Task Run_MaxCostReached_StopsDispatchingWithExitThree()
    {
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 60, cardCount: 2);

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "0", "--max-cost", "0.05", "--concurrent", "2", "--batch-delay", "0", "--force", "--plain");

        Assert.Equal(ExitCodes.Stopped, exit);
        Assert.Contains("--max-cost", _cli.Output, StringComparison.Ordinal);
        var files = _cli.OutputFiles("flashcards").Count;
        Assert.InRange(files, 1, 59);
    }

    [Fact]
    public async Task Run_InterruptedThenResumed_ExitsOneThirtyAndResumeFinishesTheRest()
    {
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 80, cardCount: 2);
        using var interrupts = new InterruptSignals(TimeProvider.System);
        _cli.Interrupts = interrupts;
        var watcher = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => _cli.OutputFiles("flashcards").Count >= 20, TimeSpan.FromMinutes(2), "20 output files before the interrupt");
            interrupts.Signal();
        });

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "20", "--concurrent", "8", "--batch-size", "8", "--batch-delay", "0", "--force", "--plain");
        await watcher;

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("--resume", _cli.Output, StringComparison.Ordinal);
        var done = _cli.OutputFiles("flashcards").Count;
        Assert.InRange(done, 20, 79);

        _cli.Interrupts = null;
        var resumed = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--resume", "--sim-latency", "0");
        Assert.True(resumed == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Equal(80, _cli.OutputFiles("flashcards").Count);
        Assert.Contains($"Skipped (resumed): {done}", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnfinishedCheckpointWithoutResumeOrForce_ExitsTwoExplainingTheChoice()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        sim.AddScript(new SimScript("401", Times: 1000, Endpoint: "chat"));
        UseSimulator(sim);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 10, cardCount: 2);
        Assert.Equal(ExitCodes.Stopped, await _cli.RunAsync("--flashcards", "--use-web-plugin", "--concurrent", "1", "--batch-delay", "0", "--force", "--plain"));

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--plain");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--resume", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--force", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    private void UseSimulator(ProviderSimulator sim) => _cli
        .WithEnvironment("OPENROUTER_API_KEY", "batch-test-openrouter-key")
        .WithEnvironment("EXA_API_KEY", "batch-test-exa-key")
        .WithEnvironment("OPENROUTER_BASE_URL", sim.OpenRouterBaseUri.AbsoluteUri)
        .WithEnvironment("EXA_BASE_URL", sim.ExaBaseUri.AbsoluteUri);
}
