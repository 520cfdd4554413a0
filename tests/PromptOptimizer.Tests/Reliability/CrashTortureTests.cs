using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>
/// 2,000 topics, the CLI as a child process SIGKILLed 20 times at seeded random moments and resumed each time:
/// every output exactly once, nothing lost, no completed topic bought again.
/// </summary>
public sealed class CrashTortureTests : IDisposable
{
    private const int Topics = 2000;
    private const int Concurrency = 32;
    private const int Kills = 20;

    // Left for the last resume: between seeing a kill's target and the kill landing, the native CLI completes many
    // more topics, and a last target too near the end would leave the last resume nothing to do.
    private const int Reserve = 10 * Concurrency;
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    [Trait("Category", "Torture")]
    public async Task Run_KilledTwentyTimesAtRandomMoments_EveryTopicOnceAndNoCompletedTopicBoughtAgain()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { LatencyMs = 20, LatencySigma = 0.3 }, CancellationToken.None);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, Topics, categories: 4, cardCount: 2);
        var environment = new Dictionary<string, string>
        {
            ["OPENROUTER_API_KEY"] = "torture-openrouter-key",
            ["OPENROUTER_BASE_URL"] = sim.OpenRouterBaseUri.AbsoluteUri,
        };
        string[] common = ["--flashcards", "--use-web-plugin", "--topics-dir", _cli.TopicsDir, "--output-dir", _cli.OutputDir, "--state-dir", _cli.StateDir,
            "--plain", "--concurrent", Concurrency.ToString(CultureInfo.InvariantCulture), "--batch-size", "50", "--batch-delay", "0"];

        // Seeded: the same kill moments every run. Each kill waits for a random share (0.5x..1.5x) of an even split of
        // what is left before the reserve, so the 20 kills spread over the run and each lands while it is still working.
        var random = new Random(20_000);
        var log = new List<string>();
        for (var kill = 0; kill < Kills; kill++)
        {
            var before = ProcessWait.CountOutputs(_cli.OutputDir);
            var share = Math.Max(0, Topics - Reserve - before) / (double)(Kills + 1 - kill);
            var target = before + Math.Max(1, (int)(share * (0.5 + random.NextDouble())));
            using var process = CliProcess.Start([.. common, kill == 0 ? "--force" : "--resume"], environment);
            await ProcessWait.UntilAsync(() => ProcessWait.CountOutputs(_cli.OutputDir) >= target || process.HasExited, TimeSpan.FromSeconds(60), $"{target} outputs before kill {kill}");
            Assert.False(process.HasExited, $"run {kill} finished before it could be killed:\n" + process.Output);
            await process.KillAsync();
            log.Add($"kill {kill}: {before} -> {ProcessWait.CountOutputs(_cli.OutputDir)} (target {target})");
        }

        Assert.True(ProcessWait.CountOutputs(_cli.OutputDir) < Topics, "every topic was done before the last resume:\n" + string.Join('\n', log));
        using (var last = CliProcess.Start([.. common, "--resume"], environment))
        {
            var exit = await last.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == ExitCodes.Success, last.Output);
        }

        // Every topic's output exists exactly once (one file per topic path) and parses.
        var files = _cli.OutputFiles("flashcards");
        Assert.Equal(Topics, files.Count);
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.FlashcardDocument);
            Assert.NotEmpty(document!.Cards);
        }

        Assert.Empty(StateCheck.TempFiles(_cli.OutputDir));

        // The database agrees with the files: every topic completed once, none left started or failed.
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--json"));
        using var status = JsonDocument.Parse(_cli.Output);
        var rows = status.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(files.Count, rows.Where(r => r.GetProperty("status").GetString() == "completed").Sum(r => r.GetProperty("count").GetInt32()));
        Assert.Equal(files.Count, rows.Sum(r => r.GetProperty("count").GetInt32()));
        var consistent = await StateCheck.AssertConsistentAsync(_cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, consistent.Count);

        // A kill can cost at most the topics in flight at that moment; a completed topic is never generated again.
        var stats = sim.GetStats();
        var generations = Enumerable.Range(0, Topics).Select(i => stats.Topic("Generated topic number " + i.ToString(CultureInfo.InvariantCulture)).Flashcards).ToList();
        Assert.All(generations, g => Assert.InRange(g, 1, 1 + Kills));
        Assert.True(generations.Sum() <= Topics + (Kills * Concurrency), $"{generations.Sum()} generations for {Topics} topics\n" + string.Join('\n', log));
    }
}
