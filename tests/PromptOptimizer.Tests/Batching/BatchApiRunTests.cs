using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Reliability;

namespace PromptOptimizer.Tests.Batching;

/// <summary>The CLI with <c>--batch-api</c> against the simulator's Batch API, end to end.</summary>
public sealed class BatchApiRunTests
{
    private static readonly SimulatorOptions Fast = new() { BatchLatency = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Run_FlashcardsWithBatchApi_WritesEveryTopicCitingRetrievedSourcesAtHalfPrice()
    {
        await using var run = await SimulatedRun.StartAsync(Fast);
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 12, categories: 3, cardCount: 4);

        var exit = await run.RunAsync("--flashcards", "--batch-api", "--force");

        Assert.True(exit == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        var files = run.Cli.OutputFiles("flashcards");
        Assert.Equal(12, files.Count);
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.FlashcardDocument)!;
            var ids = document.Sources.Select(s => s.Id).ToHashSet();
            Assert.NotEmpty(document.Cards);
            Assert.All(document.Cards, c => Assert.True(c.SourceIds.Count > 0 && c.SourceIds.All(ids.Contains)));
        }

        var stats = run.Sim.GetStats();
        Assert.Equal(0, stats.RequestsTo("chat"));
        Assert.InRange(stats.Batches.Submitted, 1, 11);
        Assert.Equal(1, stats.Batches.MaxSubmissionsPerCustomId);
        Assert.Contains("Saved by --batch-api: $", run.Cli.Output, StringComparison.Ordinal);
        Assert.Contains("(50 %)", run.Cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PromptsWithBatchApi_CarriesRoundsThroughLaterBatches()
    {
        await using var run = await SimulatedRun.StartAsync(Fast);
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 6, categories: 2, cardCount: 4);

        var exit = await run.RunAsync("--prompts", "--batch-api", "--force");

        Assert.True(exit == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        var files = run.Cli.OutputFiles("prompts");
        Assert.Equal(6, files.Count);
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.PromptDocument)!;
            Assert.Equal(2, document.RoundScores.Count);
            Assert.NotEmpty(document.Sources);
        }

        // Draft, critique, revision, critique: each step waits for the previous one's batch.
        var stats = run.Sim.GetStats();
        Assert.True(stats.Batches.Submitted >= 4, $"{stats.Batches.Submitted} batches");
        Assert.Equal(1, stats.Batches.MaxSubmissionsPerCustomId);
        Assert.Equal(1, stats.Batches.MaxChargedPerBody);
    }

    [Fact]
    public async Task Run_UnifiedWithBatchApi_WritesBothProductsCitingSources()
    {
        await using var run = await SimulatedRun.StartAsync(Fast);
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 4, categories: 2, cardCount: 4);

        var exit = await run.RunAsync("--unified", "--batch-api", "--force");

        Assert.True(exit == ExitCodes.Success, run.Cli.Output + run.Cli.Error);
        foreach (var file in run.Cli.OutputFiles("unified"))
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.UnifiedDocument)!;
            var ids = document.Sources.Select(s => s.Id).ToHashSet();
            Assert.NotEmpty(document.Cards);
            Assert.False(string.IsNullOrWhiteSpace(document.Prompt.SystemPrompt));
            Assert.All(document.Cards, c => Assert.All(c.SourceIds, id => Assert.Contains(id, ids)));
        }

        Assert.Equal(4, run.Cli.OutputFiles("unified").Count);
    }

    [Fact]
    public async Task Run_SameTopicsWithAndWithoutBatchApi_BatchGenerationCostsAtMost55PercentOfSynchronous()
    {
        var noSearchCost = Fast with { ExaSearchPrice = 0m };
        decimal synchronous, batched;
        await using (var run = await SimulatedRun.StartAsync(noSearchCost))
        {
            run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 8, categories: 2, cardCount: 4);
            Assert.Equal(ExitCodes.Success, await run.RunAsync("--unified", "--force"));
            synchronous = run.Sim.GetStats().TotalCost;
        }

        await using (var run = await SimulatedRun.StartAsync(noSearchCost))
        {
            run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 8, categories: 2, cardCount: 4);
            Assert.Equal(ExitCodes.Success, await run.RunAsync("--unified", "--batch-api", "--force"));
            batched = run.Sim.GetStats().TotalCost;
        }

        Assert.True(synchronous > 0);
        Assert.True(batched / synchronous <= 0.55m, $"batch ${batched} vs synchronous ${synchronous}");
    }

    [Fact]
    public async Task Run_BatchApiWithWebPlugin_ExitsTwoSayingWhyAndWhatToUse()
    {
        await using var run = await SimulatedRun.StartAsync(Fast);

        var exit = await run.RunAsync("--flashcards", "--batch-api", "--use-web-plugin", "--force");

        Assert.Equal(ExitCodes.Usage, exit);
        var text = run.Cli.Output + run.Cli.Error;
        Assert.Contains("does not run OpenRouter's web plugin", text, StringComparison.Ordinal);
        Assert.Contains("Drop --use-web-plugin", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EndpointWithoutBatchApi_StopsWithExitThreeNamingBatchApi()
    {
        await using var run = await SimulatedRun.StartAsync(Fast);
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 3, categories: 1, cardCount: 4);
        run.Cli.WithEnvironment("OPENROUTER_BASE_URL", new Uri(run.Sim.BaseUri, "no-batches/v1/").AbsoluteUri);

        var exit = await run.RunAsync("--flashcards", "--batch-api", "--force");

        Assert.Equal(ExitCodes.Stopped, exit);
        Assert.Contains("--batch-api", run.Cli.Output, StringComparison.Ordinal);
        Assert.Contains("Batch API", run.Cli.Output, StringComparison.Ordinal);
    }
}
