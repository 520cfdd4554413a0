using PromptOptimizer.Cli;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Reliability;

namespace PromptOptimizer.Tests.Cli;

/// <summary>What a user sees of provider batches: the progress line of a <c>--batch-api</c> run, and the batches an interrupted run left for the next one.</summary>
public sealed class BatchApiProgressTests
{
    [Fact]
    public async Task Run_BatchApiPlain_EndsWithTheProviderBatchesLineNothingOutstanding()
    {
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.FromMilliseconds(200) });
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 6, categories: 2, cardCount: 4);

        var exit = await run.RunAsync("--flashcards", "--batch-api", "--force");

        Assert.True(exit == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        Assert.Matches(@"Provider batches: [1-9]\d* submitted, 0 running \(0 requests\), [1-9]\d* done, 0 requests waiting to be batched", run.Cli.Output);
    }

    [Fact]
    public async Task CheckpointStatus_AfterCtrlCWithABatchAtTheProvider_ListsTheBatchTheNextRunCollects()
    {
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.FromMinutes(30) });
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 4, categories: 1, cardCount: 4);
        using var interrupts = new InterruptSignals(TimeProvider.System);
        run.Cli.Interrupts = interrupts;
        var interrupter = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => run.Sim.GetStats().Batches.Submitted >= 1, TimeSpan.FromMinutes(1), "a batch submitted to the simulator");
            interrupts.Signal();
        });

        var exit = await run.RunAsync("--flashcards", "--batch-api", "--force");
        await interrupter;
        run.Cli.Interrupts = null;

        Assert.True(exit == ExitCodes.Interrupted, run.Cli.Output + run.Cli.Error);
        Assert.Equal(ExitCodes.Success, await run.Cli.RunAsync("--flashcards", "--checkpoint-status"));
        Assert.Contains("Outstanding provider batches (the next --batch-api run collects them):", run.Cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  \S.*: .*\d+ requests? .*submitted \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", run.Cli.Output);
    }
}
