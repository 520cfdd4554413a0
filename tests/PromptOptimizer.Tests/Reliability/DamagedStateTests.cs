using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>Truncated checkpoints, a corrupt database and a concurrent second run: clear messages, nothing destroyed.</summary>
public sealed class DamagedStateTests
{
    private const int Topics = 6;

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public async Task CorruptCheckpoint_PlainRunRefusesResumeContinuesFromDatabaseForceKeepsCompletedWork(string damage)
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, Topics, cardCount: 2);
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--limit", "3"));
        var checkpoint = CheckpointFile.PathFor(run.Cli.StateDir, RunVariant.FlashcardsWeb);
        var bytes = await File.ReadAllBytesAsync(checkpoint);
        await File.WriteAllBytesAsync(checkpoint, damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "garbage" => [0xFF, 0x00, 0x13, 0x37],
            _ => [],
        });

        Assert.Equal(ExitCodes.Usage, await run.RunAsync("--flashcards", "--use-web-plugin"));
        Assert.Contains("--resume", run.Cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--force", run.Cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(checkpoint), run.Cli.Error.ToString(), StringComparison.Ordinal);

        // The saved arguments are lost with the checkpoint, so an unattended resume also needs --force (no terminal to confirm).
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--use-web-plugin", "--resume", "--force"));
        Assert.Contains("Continuing from the completion database", run.Cli.Error.ToString(), StringComparison.Ordinal);
        var rewritten = await StateCheck.CheckpointAsync(run.Cli.StateDir, RunVariant.FlashcardsWeb);
        Assert.True(rewritten.Finished);
        await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, run.Sim.GetStats().RequestsTo("chat"));

        await File.WriteAllBytesAsync(checkpoint, bytes[..(bytes.Length / 2)]);
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--use-web-plugin", "--force"));
        Assert.Equal(Topics, run.Sim.GetStats().RequestsTo("chat"));
        Assert.Equal(Topics, (await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb)).Count(r => r.Status == TopicStatus.Completed));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public async Task CorruptDatabase_EveryCommandReportsItAndTheFileIsNeverTouched(string damage)
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, Topics, cardCount: 2);
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--limit", "2"));
        var database = SqliteCompletionStore.PathFor(run.Cli.StateDir);
        var good = await File.ReadAllBytesAsync(database);
        byte[] corrupt = damage == "garbage"
            ? [.. "this is not a database, but it is someone's file"u8.ToArray(), .. new byte[8192]]
            : good[..(good.Length / 3)];
        foreach (var sidecar in new[] { database + "-wal", database + "-shm" }.Where(File.Exists))
        {
            File.Delete(sidecar);
        }

        await File.WriteAllBytesAsync(database, corrupt);
        var chatBefore = run.Sim.GetStats().RequestsTo("chat");

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force");
        var status = await run.Cli.RunRawAsync("completion-status", "--state-dir", run.Cli.StateDir);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.NotEqual(ExitCodes.Success, status);
        Assert.Contains("left untouched", run.Cli.Error.ToString() + run.Cli.Output, StringComparison.Ordinal);
        Assert.Equal(corrupt, await File.ReadAllBytesAsync(database));
        Assert.Equal(chatBefore, run.Sim.GetStats().RequestsTo("chat"));
    }

    [Fact]
    public async Task SecondRunOnTheSameStateDirectory_RefusesWithExitTwoNamingTheHolder()
    {
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { LatencyMs = 5000, LatencySigma = 0 });
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, Topics, cardCount: 2);
        var environment = new Dictionary<string, string>
        {
            ["OPENROUTER_API_KEY"] = SimulatedRun.OpenRouterKey,
            ["OPENROUTER_BASE_URL"] = run.Sim.OpenRouterBaseUri.AbsoluteUri,
        };
        using var first = CliProcess.Start(["--flashcards", "--use-web-plugin", "--force", "--plain", "--topics-dir", run.Cli.TopicsDir,
            "--output-dir", run.Cli.OutputDir, "--state-dir", run.Cli.StateDir, "--batch-delay", "0"], environment);
        await Poll.UntilAsync(() => run.Sim.GetStats().RequestsTo("chat") > 0 || first.HasExited, TimeSpan.FromSeconds(30), "the first run's first API call");
        Assert.False(first.HasExited, first.Output);

        var exit = await run.RunAsync("--flashcards", "--force");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("run is using " + Path.GetFullPath(run.Cli.StateDir), run.Cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains(first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Cli.Error.ToString(), StringComparison.Ordinal);
        Assert.False(first.HasExited);
        await first.KillAsync();
    }
}
