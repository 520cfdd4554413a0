using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>
/// The CLI as a child process stopped by a real POSIX signal mid-run, the way a terminal (SIGINT) or a supervisor
/// (SIGTERM) stops it. The in-process tests drive the same stop through <see cref="InterruptSignals"/>; only a real
/// process proves the signal reaches it, in the build under test and in the Native AOT publish that CI gives it.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class SignalTests : IDisposable
{
    private const int Topics = 120;
    private const int Concurrency = 8;
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(15)]
    [InlineData(2)]
    public async Task Run_SignalledMidRun_ExitsInterruptedAndResumeFinishesWithoutBuyingAnyTopicTwice(int signal)
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { LatencyMs = 60, LatencySigma = 0.3 }, CancellationToken.None);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, Topics, categories: 2, cardCount: 4);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENROUTER_API_KEY"] = "signal-test-openrouter-key",
            ["EXA_API_KEY"] = "signal-test-exa-key",
            ["OPENROUTER_BASE_URL"] = sim.OpenRouterBaseUri.AbsoluteUri,
            ["EXA_BASE_URL"] = sim.ExaBaseUri.AbsoluteUri,
        };
        string[] common = ["--topics-dir", _cli.TopicsDir, "--output-dir", _cli.OutputDir, "--state-dir", _cli.StateDir, "--plain",
            "--concurrent", Concurrency.ToString(CultureInfo.InvariantCulture), "--batch-size", "20", "--batch-delay", "0", "--exa-qps", "1000"];

        using (var run = CliProcess.Start(["--flashcards", "--force", .. common], environment))
        {
            await ProcessWait.UntilAsync(() => ProcessWait.CountOutputs(_cli.OutputDir) >= Topics / 4 || run.HasExited, TimeSpan.FromSeconds(60), "a quarter of the outputs written");
            Assert.False(run.HasExited, "the run finished before it could be signalled:\n" + run.Output);
            run.Signal(signal);
            var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == ExitCodes.Interrupted, $"exit {exit}:\n{run.Output}");
            Assert.Contains("Interrupt: no new topics will start", run.Output, StringComparison.Ordinal);
        }

        // In-flight topics finished within the grace period; the rest were never started, and the rows say exactly that.
        var stopped = _cli.OutputFiles("flashcards").Count;
        Assert.InRange(stopped, Topics / 4, Topics - 1);
        Assert.True(File.Exists(Path.Combine(_cli.StateDir, "batch_checkpoint.json")), "no checkpoint after the interrupt");
        var (completed, started) = await StatusAsync();
        Assert.Equal(stopped, completed);
        Assert.Equal(0, started);

        using (var resume = CliProcess.Start(["--flashcards", "--resume", .. common], environment))
        {
            var exit = await resume.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == ExitCodes.Success, $"exit {exit}:\n{resume.Output}");
        }

        Assert.Equal(Topics, _cli.OutputFiles("flashcards").Count);
        var stats = sim.GetStats();
        Assert.All(Enumerable.Range(0, Topics), i => Assert.Equal(1, stats.Topic($"Generated topic number {i}").Flashcards));
        Assert.Equal((Topics, 0), await StatusAsync());
    }

    private async Task<(int Completed, int Started)> StatusAsync()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--json"));
        using var status = JsonDocument.Parse(_cli.Output);
        var rows = status.RootElement.GetProperty("rows").EnumerateArray().ToList();
        int Count(string state) => rows.Where(r => r.GetProperty("status").GetString() == state).Sum(r => r.GetProperty("count").GetInt32());
        return (Count("completed"), Count("started"));
    }
}
