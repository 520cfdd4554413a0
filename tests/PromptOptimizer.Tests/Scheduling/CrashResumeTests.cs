using System.Diagnostics;
using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>The CLI as a child process, killed with SIGKILL mid-run and resumed: nothing lost, nothing bought twice.</summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class CrashResumeTests : IDisposable
{
    private const int Topics = 240;
    private const int Concurrency = 16;
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_KilledThreeTimesAndResumed_EveryTopicCompletedExactlyOnceAndNoneBoughtTwice()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { LatencyMs = 60, LatencySigma = 0.3 }, CancellationToken.None);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, Topics, categories: 3, cardCount: 4);
        var environment = new Dictionary<string, string>
        {
            ["OPENROUTER_API_KEY"] = "crash-test-openrouter-key",
            ["EXA_API_KEY"] = "crash-test-exa-key",
            ["OPENROUTER_BASE_URL"] = sim.OpenRouterBaseUri.AbsoluteUri,
            ["EXA_BASE_URL"] = sim.ExaBaseUri.AbsoluteUri,
        };
        string[] common = ["--topics-dir", _cli.TopicsDir, "--output-dir", _cli.OutputDir, "--state-dir", _cli.StateDir, "--plain",
            "--concurrent", Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-size", "20", "--batch-delay", "0", "--exa-qps", "1000"];

        const int kills = 3;
        for (var kill = 0; kill < kills; kill++)
        {
            var before = ProcessWait.CountOutputs(_cli.OutputDir);
            using var process = CliProcess.Start(["--flashcards", kill == 0 ? "--force" : "--resume", .. common], environment);
            var target = before + ((Topics - before) / (kills + 1 - kill));
            await ProcessWait.UntilAsync(() => ProcessWait.CountOutputs(_cli.OutputDir) >= target || process.HasExited, TimeSpan.FromSeconds(60));
            Assert.False(process.HasExited, "the run finished before it could be killed:\n" + process.Output);
            await process.KillAsync();
        }

        using (var last = CliProcess.Start(["--flashcards", "--resume", .. common], environment))
        {
            var exit = await last.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == ExitCodes.Success, last.Output);
        }

        var files = _cli.OutputFiles("flashcards");
        Assert.Equal(Topics, files.Count);
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.FlashcardDocument);
            Assert.NotNull(document);
            Assert.NotEmpty(document!.Cards);
        }

        Assert.Empty(Directory.EnumerateFiles(_cli.OutputDir, AtomicFile.TempPrefix + "*", SearchOption.AllDirectories));

        // Each kill can cost at most the topics in flight at that moment; nothing completed is generated again.
        var stats = sim.GetStats();
        var generations = Enumerable.Range(0, Topics).Select(i => stats.Topic($"Generated topic number {i}").Flashcards).ToList();
        Assert.All(generations, g => Assert.InRange(g, 1, 1 + kills));
        Assert.True(generations.Sum() <= Topics + (kills * Concurrency), $"{generations.Sum()} generations for {Topics} topics");

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--json"));
        using var status = JsonDocument.Parse(_cli.Output);
        var completed = status.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() == "completed").Sum(r => r.GetProperty("count").GetInt32());
        Assert.Equal(files.Count, completed);
    }
}
