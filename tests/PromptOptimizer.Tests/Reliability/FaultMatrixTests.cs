using System.Globalization;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>
/// Every simulator fault kind, alone and mixed: each either is retried to success, fails its topic with a named reason,
/// or stops the run with exit 3; in every case checkpoint, database and files agree, and the work finishes once the
/// fault is gone without buying a completed topic again.
/// </summary>
public sealed class FaultMatrixTests
{
    private const int Topics = 6;

    [Theory]
    [InlineData("500", 500)]
    [InlineData("502", 502)]
    [InlineData("reset", -1)]
    [InlineData("error200", 200)]
    public async Task TransientFault_AtThirtyPercent_RetriedToSuccess(string kind, int status)
    {
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { Faults = FaultSpec.Parse(kind + "=0.3"), Seed = 7 });
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, Topics, cardCount: 2);

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--max-retries", "10");

        Assert.True(exit == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        var stats = run.Sim.GetStats();
        Assert.True(stats.RequestsTo("chat") > Topics, $"no {kind} was drawn: {stats.RequestsTo("chat")} requests");
        Assert.True(stats.CountOf("chat", status) > 0);
        Assert.All(Enumerable.Range(0, Topics), i => Assert.Equal(1, stats.Topic($"Generated topic number {i}").Flashcards));
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, rows.Count(r => r.Status == TopicStatus.Completed));
    }

    /// <summary>429 and 503 carry Retry-After: 1 and a timeout costs --request-timeout, so these are scripted a few times.</summary>
    [Theory]
    [InlineData("429")]
    [InlineData("503")]
    [InlineData("timeout")]
    public async Task SlowTransientFault_ScriptedThreeTimes_RetriedToSuccess(string kind)
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Sim.AddScript(new SimScript(kind, Times: 3, Endpoint: "chat"));
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, Topics, cardCount: 2);

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--request-timeout", "1");

        Assert.True(exit == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        Assert.Equal(0, run.Sim.PendingScripts);
        Assert.Equal(Topics + 3, run.Sim.GetStats().RequestsTo("chat"));
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, rows.Count(r => r.Status == TopicStatus.Completed));
    }

    [Theory]
    [InlineData("bad-json")]
    [InlineData("truncated")]
    [InlineData("schema")]
    public async Task InvalidAnswer_AtThirtyPercent_RepairedToSuccess(string kind)
    {
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { Faults = FaultSpec.Parse(kind + "=0.3"), Seed = 3 });
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, Topics, cardCount: 2);

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--max-repairs", "8");

        Assert.True(exit == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        Assert.True(run.Sim.GetStats().RequestsTo("chat") > Topics, "no invalid answer was drawn");
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, rows.Count(r => r.Status == TopicStatus.Completed));
    }

    [Theory]
    [InlineData("bad-json", "still invalid after 2 repair(s)")]
    [InlineData("schema", "still invalid after 2 repair(s)")]
    [InlineData("truncated", "cut at")]
    [InlineData("error200", "finish_reason error")]
    [InlineData("403", "403")]
    public async Task PersistentFault_OnOneTopic_ThatTopicFailsWithNamedReasonAndANewRunFinishesIt(string kind, string reason)
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Sim.AddScript(new SimScript(kind, Times: 1000, TopicContains: "number 2", Endpoint: "chat"));
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, Topics, cardCount: 2);

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--max-retries", "2");

        Assert.True(exit == ExitCodes.TopicsFailed, run.Cli.Output + run.Cli.Error);
        var failedLine = Assert.Single(run.Cli.Output.Split('\n'), l => l.Contains("FAILED", StringComparison.Ordinal));
        Assert.Contains("t00002.json", failedLine, StringComparison.Ordinal);
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        var failed = Assert.Single(rows, r => r.Status == TopicStatus.Failed);
        Assert.Equal("c0/t00002.json", failed.TopicPath);
        Assert.Contains(reason, failed.LastError, StringComparison.Ordinal);

        await run.ReplaceSimulatorAsync(new SimulatorOptions());
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--use-web-plugin", "--force"));
        Assert.Equal(1, run.Sim.GetStats().RequestsTo("chat"));
        rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(Topics, rows.Count(r => r.Status == TopicStatus.Completed));
    }

    [Theory]
    [InlineData("401", "exa")]
    [InlineData("402", "exa")]
    [InlineData("401", "web")]
    [InlineData("402", "web")]
    public async Task AccountFault_AtThirtyPercent_StopsWithExitThreeThenResumeFinishesWithoutBuyingTwice(string kind, string research)
    {
        const int topics = 16;
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { Faults = FaultSpec.Parse(kind + "=0.3"), LatencyMs = 5, Seed = 5 });
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, topics, cardCount: 2);
        string[] mode = research == "web" ? ["--flashcards", "--use-web-plugin"] : ["--flashcards"];
        var variant = research == "web" ? RunVariant.FlashcardsWeb : RunVariant.FlashcardsExa;

        var exit = await run.RunAsync([.. mode, "--force", "--concurrent", "2", "--batch-size", "4"]);

        Assert.True(exit == ExitCodes.Stopped, run.Cli.Output + run.Cli.Error);
        Assert.Contains("Stopped: ", run.Cli.Output, StringComparison.Ordinal);
        Assert.Contains(kind, run.Cli.Output, StringComparison.Ordinal);
        Assert.Contains("Resume with: prompt-optimizer " + string.Join(' ', mode) + " --resume", run.Cli.Output, StringComparison.Ordinal);
        var before = await StateCheck.AssertConsistentAsync(run.Cli, variant);
        Assert.True(before.Count(r => r.Status == TopicStatus.Completed) < topics);
        var first = run.Sim.GetStats();

        await run.ReplaceSimulatorAsync(new SimulatorOptions());
        var resumed = await run.RunAsync([.. mode, "--resume"]);

        Assert.True(resumed == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, variant);
        Assert.Equal(topics, rows.Count(r => r.Status == TopicStatus.Completed));
        var second = run.Sim.GetStats();
        Assert.All(Enumerable.Range(0, topics), i =>
        {
            var title = "Generated topic number " + i.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(1, first.Topic(title).Flashcards + second.Topic(title).Flashcards);
        });
    }

    [Fact]
    public async Task EveryKind_MixedAtTenPercent_EndsInADocumentedWayConsistentlyAndResumeFinishes()
    {
        const int topics = 24;
        string[] kinds = ["429", "500", "502", "503", "401", "402", "403", "timeout", "reset", "bad-json", "truncated", "schema", "error200"];
        var spec = string.Join(',', kinds.Select(k => k + "=" + (0.1 / kinds.Length).ToString("0.0000", CultureInfo.InvariantCulture)));
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { Faults = FaultSpec.Parse(spec), LatencyMs = 5, Seed = 11 });
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, topics, cardCount: 2);

        var exit = await run.RunAsync("--flashcards", "--force", "--concurrent", "8", "--request-timeout", "1", "--max-retries", "6");

        // A 401/402 stops the run (3); a 403 fails its topic (1); everything else is retried or repaired.
        Assert.True(exit is ExitCodes.Success or ExitCodes.TopicsFailed or ExitCodes.Stopped, run.Cli.Output + run.Cli.Error);
        Assert.Equal(exit == ExitCodes.Stopped, run.Cli.Output.Contains("Stopped: ", StringComparison.Ordinal));
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsExa);
        Assert.All(rows.Where(r => r.Status == TopicStatus.Failed), r => Assert.False(string.IsNullOrWhiteSpace(r.LastError)));
        var first = run.Sim.GetStats();

        await run.ReplaceSimulatorAsync(new SimulatorOptions());
        var resumed = await run.RunAsync("--flashcards", "--resume");

        Assert.True(resumed == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsExa);
        Assert.Equal(topics, rows.Count(r => r.Status == TopicStatus.Completed));
        var second = run.Sim.GetStats();
        Assert.All(Enumerable.Range(0, topics), i =>
        {
            var title = "Generated topic number " + i.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(1, first.Topic(title).Flashcards + second.Topic(title).Flashcards);
        });
    }
}
