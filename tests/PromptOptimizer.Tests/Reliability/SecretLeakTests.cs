using System.Text;
using PromptOptimizer.Cli;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>Canary API keys never appear in any byte a command writes: console, files, checkpoints, the database and its WAL.</summary>
public sealed class SecretLeakTests
{
    private const string OpenRouterCanary = "sk-or-v1-CANARY7f3a9c1e5b";
    private const string ExaCanary = "exa-CANARY4d8e2b6a0f";

    [Fact]
    public async Task EveryCommand_WithCanaryKeysAndFaults_NoKeyInAnyOutputOrFile()
    {
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { Faults = FaultSpec.Parse("500=0.2,bad-json=0.1,403=0.1") }, OpenRouterCanary, ExaCanary);
        run.Sim.AddScript(new SimScript("401", Times: 1, TopicContains: "number 7"));
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 8, cardCount: 2);
        var captured = new StringBuilder();
        var exits = new List<string>();

        async Task Run(bool raw, params string[] args)
        {
            var exit = raw ? await run.Cli.RunRawAsync(args) : await run.RunAsync(args);
            exits.Add($"{exit}: {string.Join(' ', args)}");
            captured.Append(run.Cli.Output).Append(run.Cli.Error);
        }

        string S(string name) => Path.Combine(run.Cli.Root, name);
        string[] dirs = ["--state-dir", run.Cli.StateDir, "--output-dir", run.Cli.OutputDir, "--topics-dir", run.Cli.TopicsDir];

        await Run(false, "--flashcards", "--force", "--max-retries", "1");
        await Run(false, "--flashcards", "--resume");
        await Run(false, "--flashcards", "--use-web-plugin", "--force", "--max-retries", "1");
        await Run(false, "--prompts", "--force", "--limit", "3");
        await Run(false, "--unified", "--force", "--limit", "3");
        await Run(false, "--unified", "--use-web-plugin", "--force", "--limit", "2");
        await Run(false, "--flashcards", "--checkpoint-status");
        await Run(false, "--checkpoint-status", "--json");
        await Run(true, "completion-status", "--state-dir", run.Cli.StateDir, "--topics-dir", run.Cli.TopicsDir);
        await Run(true, "completion-status", "--state-dir", run.Cli.StateDir, "--json");
        await Run(true, "completion-failed", "--state-dir", run.Cli.StateDir);
        await Run(true, "completion-failed", "--state-dir", run.Cli.StateDir, "--json");
        foreach (var topic in new[] { "c0/t00000.json", "c1/t00007.json", "c1/t00003.json" })
        {
            await Run(true, ["inspect", .. dirs, "--topic", topic]);
            await Run(true, ["inspect", .. dirs, "--topic", topic, "--json"]);
        }

        foreach (var format in new[] { "apkg", "anki-tsv", "csv", "jsonl" })
        {
            await Run(true, "export", "--format", format, "--out", S("export." + format), "--output-dir", run.Cli.OutputDir);
        }

        await Run(true, "export", "--format", "jsonl", "--mode", "prompts", "--out", S("prompts.jsonl"), "--output-dir", run.Cli.OutputDir);
        await Run(true, "quality-report", "--output-dir", run.Cli.OutputDir);
        await Run(true, "quality-report", "--output-dir", run.Cli.OutputDir, "--json");

        // The commands really ran and wrote things worth searching (errors were recorded, exports exist).
        Assert.Contains(exits, e => e.StartsWith("1:", StringComparison.Ordinal) || e.StartsWith("3:", StringComparison.Ordinal));
        Assert.True(File.Exists(S("export.apkg")) && File.Exists(S("export.csv")), string.Join('\n', exits));
        Assert.True(File.Exists(Path.Combine(run.Cli.StateDir, "completion_tracking.db")));
        Assert.Contains("403", captured.ToString(), StringComparison.Ordinal);

        Assert.DoesNotContain(OpenRouterCanary, captured.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ExaCanary, captured.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", captured.ToString(), StringComparison.Ordinal);
        var searched = 0;
        foreach (var file in Directory.EnumerateFiles(run.Cli.Root, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            searched++;
            foreach (var canary in new[] { "CANARY"u8.ToArray(), Encoding.Unicode.GetBytes("CANARY") })
            {
                Assert.True(bytes.AsSpan().IndexOf(canary) < 0, $"{file} contains a key");
            }
        }

        Assert.True(searched > 20, $"only {searched} files searched");
    }
}
