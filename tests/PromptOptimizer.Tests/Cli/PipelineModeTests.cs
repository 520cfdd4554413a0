using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Cli;

/// <summary>Each mode end to end from the CLI against the simulator, checking the documented file shapes.</summary>
public sealed class PipelineModeTests : IAsyncLifetime
{
    private readonly CliHarness _cli = new();
    private ProviderSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        _cli.WithEnvironment("OPENROUTER_API_KEY", "modes-test-openrouter-key")
            .WithEnvironment("EXA_API_KEY", "modes-test-exa-key")
            .WithEnvironment("OPENROUTER_BASE_URL", _sim.OpenRouterBaseUri.AbsoluteUri)
            .WithEnvironment("EXA_BASE_URL", _sim.ExaBaseUri.AbsoluteUri);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 4, categories: 2, cardCount: 5);
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task Run_WebPluginFlashcards_CardsCiteAnnotationSourcesAndSearchFeeIsCounted()
    {
        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--search-results", "4", "--batch-delay", "0", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Equal(0, _sim.GetStats().RequestsTo("search"));
        Assert.Equal(4, _sim.GetStats().WebPluginRequests);
        foreach (var file in _cli.OutputFiles("flashcards"))
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.FlashcardDocument)!;
            Assert.Equal("web-plugin", document.Research);
            Assert.Equal(4, document.Sources.Count);
            Assert.All(document.Sources, s => Assert.StartsWith("https://", s.Url, StringComparison.Ordinal));
            Assert.All(document.Cards, c => Assert.All(c.SourceIds, id => Assert.Contains(document.Sources, s => s.Id == id)));
            Assert.True(document.Usage.SearchCostUsd > 0 && document.Usage.SearchCostUsd <= document.Usage.CostUsd);
            Assert.Equal(5, document.Cards.Count);
        }
    }

    [Fact]
    public async Task Run_Prompts_DraftsCritiquesRevisesAndKeepsTheBest()
    {
        var exit = await _cli.RunAsync("--prompts", "--batch-delay", "0", "--exa-qps", "100", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Contains("PROMPT BATCH PROCESSING COMPLETE", _cli.Output, StringComparison.Ordinal);
        var files = _cli.OutputFiles("prompts");
        Assert.Equal(4, files.Count);
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.PromptDocument)!;
            Assert.Equal("prompts", document.Mode);
            Assert.True(document.SystemPrompt.Length >= 200);

            // The simulator scores a first draft 7 and a revision 9: one revision reaches the default --min-score 8.
            Assert.Equal(1, document.Rounds);
            Assert.Equal(2, document.RoundScores.Count);
            Assert.Equal(document.RoundScores.Max(r => r.Score), document.Score);
            Assert.Equal(document.RoundScores[1].SystemPrompt, document.SystemPrompt);
            Assert.NotEmpty(document.Sources);
        }
    }

    [Fact]
    public async Task Run_Unified_ResearchesOncePerTopicAndWritesBothProducts()
    {
        var exit = await _cli.RunAsync("--unified", "--batch-delay", "0", "--exa-qps", "100", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        var stats = _sim.GetStats();
        Assert.Equal(4, stats.RequestsTo("search"));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(1, stats.Topic($"Generated topic number {i}").Searches);
        }

        foreach (var file in _cli.OutputFiles("unified"))
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.UnifiedDocument)!;
            Assert.Equal("unified", document.Mode);
            Assert.NotEmpty(document.Cards);
            Assert.False(string.IsNullOrWhiteSpace(document.Prompt.SystemPrompt));
            var ids = document.Sources.Select(s => s.Id).ToHashSet();
            Assert.All(document.Cards, c => Assert.All(c.SourceIds, id => Assert.Contains(id, ids)));
        }
    }

    [Fact]
    public async Task Run_UnifiedWithWebPlugin_OneWebSearchPerTopic()
    {
        var exit = await _cli.RunAsync("--unified", "--use-web-plugin", "--batch-delay", "0", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        var stats = _sim.GetStats();
        Assert.Equal(0, stats.RequestsTo("search"));
        Assert.Equal(4, stats.WebPluginRequests);
        Assert.Equal(4, _cli.OutputFiles("unified").Count);
    }

    [Fact]
    public async Task Run_TenPercentBadJsonSchemaAndTruncated_EveryTopicCompletesThroughRepair()
    {
        await _sim.DisposeAsync();
        _sim = await ProviderSimulator.StartAsync(new SimulatorOptions { Faults = FaultSpec.Parse("bad-json=0.1,schema=0.1,truncated=0.1") }, CancellationToken.None);
        _cli.WithEnvironment("OPENROUTER_BASE_URL", _sim.OpenRouterBaseUri.AbsoluteUri).WithEnvironment("EXA_BASE_URL", _sim.ExaBaseUri.AbsoluteUri);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 50, categories: 5, cardCount: 4);

        // The chat-only kinds reach /search as 500s: enough retries that 30% of those cannot fail a topic by chance.
        // Repairs likewise: which answers the simulator spoils depends on the order concurrent requests reach it, and
        // with 4 repairs five spoiled answers in a row (0.3^5 per topic, about one run in ten over 50 topics) fail a
        // topic correctly. With 10 the chance is about 1 in 10,000 runs.
        var exit = await _cli.RunAsync("--flashcards", "--exa-qps", "1000", "--max-repairs", "10", "--max-retries", "12", "--retry-base-delay", "1", "--batch-delay", "0", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        var files = _cli.OutputFiles("flashcards");
        Assert.Equal(50, files.Count);
        var stats = _sim.GetStats();
        Assert.True(stats.RequestsTo("chat") > 50, "some answers must have needed a repair");
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.FlashcardDocument)!;
            var ids = document.Sources.Select(s => s.Id).ToHashSet();
            Assert.All(document.Cards, c => Assert.True(c.SourceIds.Count > 0 && c.SourceIds.All(ids.Contains)));
        }
    }

    [Fact]
    public async Task Run_EndpointWithoutUsageCost_MarksCostEstimatedNotZero()
    {
        await _sim.DisposeAsync();
        _sim = await ProviderSimulator.StartAsync(new SimulatorOptions { ReportCost = false }, CancellationToken.None);
        _cli.WithEnvironment("OPENROUTER_BASE_URL", _sim.OpenRouterBaseUri.AbsoluteUri);

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--model", "some/local-model", "--batch-delay", "0", "--limit", "1", "--force", "--plain");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(_cli.OutputFiles("flashcards")[0]), OutputJsonContext.Default.FlashcardDocument)!;
        Assert.True(document.Usage.Estimated);
        Assert.True(document.Usage.CostUsd > 0);
        Assert.True(document.Usage.PromptTokens > 0);
    }
}
