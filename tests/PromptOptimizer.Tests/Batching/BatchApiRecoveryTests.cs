using System.Globalization;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Reliability;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Batching;

/// <summary>
/// <c>--batch-api</c> as a child process against a simulator whose batches expire, fail, or come back with some requests
/// failed: what was not answered goes into a later batch under its next name, a request the provider refuses fails its
/// topic alone, and no request is submitted or billed twice.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class BatchApiRecoveryTests : IDisposable
{
    private static readonly SimulatorOptions Fast = new() { BatchLatency = TimeSpan.FromMilliseconds(200) };
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_BatchExpiresThenNextFails_UnansweredRequestsGoIntoLaterBatchesAndEveryTopicIsWrittenOnce()
    {
        const int topics = 8;
        await using var sim = await ProviderSimulator.StartAsync(Fast, CancellationToken.None);
        sim.AddScript(new SimScript(SimKinds.BatchExpired, Times: 1, Endpoint: SimEndpoints.Batch));
        sim.AddScript(new SimScript(SimKinds.BatchFailed, Times: 1, Endpoint: SimEndpoints.Batch));
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, topics, categories: 2, cardCount: 3);

        var (exit, output) = await RunAsync(sim);

        Assert.True(exit == ExitCodes.Success, output);
        Assert.Equal(0, sim.PendingScripts);
        var rows = await StateCheck.AssertConsistentAsync(_cli, RunVariant.FlashcardsExa);
        Assert.Equal(topics, rows.Count(r => r.Status == TopicStatus.Completed));

        // The expired batch answered half its requests; the rest, then the failed batch's, went out again under new names.
        var stats = sim.GetStats();
        Assert.True(stats.Batches.Submitted >= 3, $"{stats.Batches.Submitted} batches");
        Assert.True(stats.Batches.Requests > topics, $"{stats.Batches.Requests} requests");
        AssertEachTopicGeneratedOnce(stats, topics);
        Assert.Equal(1, stats.Batches.MaxSubmissionsPerCustomId);
        Assert.Equal(1, stats.Batches.MaxChargedPerBody);
    }

    [Fact]
    public async Task Run_SomeRequestsFailInsideAFinishedBatch_TransientOnesAnsweredByLaterBatchesAndA400FailsOnlyItsTopic()
    {
        const int topics = 6;
        await using var sim = await ProviderSimulator.StartAsync(Fast, CancellationToken.None);
        foreach (var (kind, topic) in new[] { ("500", 1), ("429", 2), (SimKinds.Error200, 3), (SimKinds.Timeout, 5) })
        {
            sim.AddScript(new SimScript(kind, Times: 1, SchemaName: "flashcards", TopicContains: Title(topic), Endpoint: SimEndpoints.Chat));
        }

        sim.AddScript(new SimScript(SimKinds.BadRequest, Times: 100, SchemaName: "flashcards", TopicContains: Title(4), Endpoint: SimEndpoints.Chat));
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, topics, categories: 2, cardCount: 3);

        var (exit, output) = await RunAsync(sim);

        Assert.True(exit == ExitCodes.TopicsFailed, output);
        var rows = await StateCheck.AssertConsistentAsync(_cli, RunVariant.FlashcardsExa);
        var failed = Assert.Single(rows, r => r.Status == TopicStatus.Failed);
        Assert.Equal("c0/t00004.json", failed.TopicPath);
        Assert.Equal(nameof(ErrorKind.BadRequest), failed.ErrorKind);
        Assert.Contains("maximum context length", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(topics - 1, rows.Count(r => r.Status == TopicStatus.Completed));

        // Six first requests in the first batch; the four transient failures once more in a later one; the 400 never again.
        var stats = sim.GetStats();
        Assert.True(stats.Batches.Submitted >= 2, $"{stats.Batches.Submitted} batches");
        Assert.Equal(topics + 4, stats.Batches.Requests);
        Assert.Equal(1, stats.Batches.MaxSubmissionsPerCustomId);
        Assert.Equal(1, stats.Batches.MaxChargedPerBody);
        Assert.All(Enumerable.Range(0, topics).Where(i => i != 4), i => Assert.Equal(1, stats.Topic(Title(i)).Flashcards));
    }

    private static string Title(int topic) => "Generated topic number " + topic.ToString(CultureInfo.InvariantCulture);

    private static void AssertEachTopicGeneratedOnce(SimulatorStats stats, int topics) =>
        Assert.All(Enumerable.Range(0, topics), i => Assert.Equal(1, stats.Topic(Title(i)).Flashcards));

    /// <summary>One <c>--flashcards --batch-api</c> run as a child process, to its end.</summary>
    private async Task<(int Exit, string Output)> RunAsync(ProviderSimulator sim)
    {
        using var process = CliProcess.Start(
            ["--flashcards", "--batch-api", "--force", "--plain", "--topics-dir", _cli.TopicsDir, "--output-dir", _cli.OutputDir, "--state-dir", _cli.StateDir,
             "--exa-qps", "1000", "--retry-base-delay", "1", "--request-timeout", "5"], SimulatedRun.ChildEnvironment(sim));
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (exit, process.Output);
    }
}
