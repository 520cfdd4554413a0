using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Batching;

/// <summary>
/// <c>--batch-api</c> as a child process, SIGKILLed three times while batches are outstanding and resumed: every topic
/// once on disk and in the store, and the simulator never got a request twice nor billed one body twice.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class BatchApiCrashTests : IDisposable
{
    private const int Topics = 120;
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_KilledThreeTimesWithBatchesOutstanding_EveryTopicOnceAndNoRequestSubmittedOrBilledTwice()
    {
        // Batches take seconds, and research trickles (--exa-qps 20), so each run submits several batches and a kill
        // right after one leaves it running at the provider.
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { LatencyMs = 20, LatencySigma = 0.3, BatchLatency = TimeSpan.FromSeconds(3) }, CancellationToken.None);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, Topics, categories: 3, cardCount: 4);
        var environment = new Dictionary<string, string>
        {
            ["OPENROUTER_API_KEY"] = "batch-crash-openrouter-key",
            ["EXA_API_KEY"] = "batch-crash-exa-key",
            ["OPENROUTER_BASE_URL"] = sim.OpenRouterBaseUri.AbsoluteUri,
            ["EXA_BASE_URL"] = sim.ExaBaseUri.AbsoluteUri,
        };
        string[] common = ["--flashcards", "--batch-api", "--topics-dir", _cli.TopicsDir, "--output-dir", _cli.OutputDir, "--state-dir", _cli.StateDir, "--plain",
            "--batch-size", "20", "--batch-delay", "0", "--exa-qps", "20"];

        const int kills = 3;
        for (var kill = 0; kill < kills; kill++)
        {
            var submitted = sim.GetStats().Batches.Submitted;
            using var process = CliProcess.Start([.. common, kill == 0 ? "--force" : "--resume"], environment);
            await ProcessWait.UntilAsync(() => sim.GetStats().Batches.Submitted > submitted || process.HasExited, TimeSpan.FromSeconds(60), $"a batch submitted by run {kill}");
            Assert.False(process.HasExited, "the run finished before it could be killed:\n" + process.Output);
            await process.KillAsync();
        }

        Assert.True(ProcessWait.CountOutputs(_cli.OutputDir) < Topics, "every topic was done before the last resume");
        using (var last = CliProcess.Start([.. common, "--resume"], environment))
        {
            var exit = await last.WaitForExitAsync(TimeSpan.FromSeconds(180));
            Assert.True(exit == ExitCodes.Success, last.Output);
            Assert.Contains("Saved by --batch-api", last.Output, StringComparison.Ordinal);
        }

        var files = _cli.OutputFiles("flashcards");
        Assert.Equal(Topics, files.Count);
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.FlashcardDocument)!;
            Assert.NotEmpty(document.Cards);
        }

        var batches = sim.GetStats().Batches;
        Assert.Equal(1, batches.MaxSubmissionsPerCustomId);
        Assert.Equal(1, batches.MaxChargedPerBody);

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--json"));
        using var status = JsonDocument.Parse(_cli.Output);
        var rows = status.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Topics, rows.Where(r => r.GetProperty("status").GetString() == "completed").Sum(r => r.GetProperty("count").GetInt32()));
        Assert.Equal(Topics, rows.Sum(r => r.GetProperty("count").GetInt32()));
    }
}
