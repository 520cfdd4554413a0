using System.Text.Json;
using PromptOptimizer.Costs;
using PromptOptimizer.Generation;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Topics;

namespace PromptOptimizer.Tests.Generation;

public sealed class TopicPipelineTests
{
    [Fact]
    public async Task RunAsync_UnifiedWithExa_ResearchesOnceAndWritesBothProducts()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 8));
        using var output = new TopicsDirectory();
        var log = new TopicCallLog(PriceTable.Default);
        var pipeline = stack.Pipeline(RunVariant.Unified, useWebPlugin: false, output.Base);

        var result = await pipeline.RunAsync(GenStack.Topic(), log, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var stats = stack.Simulator.GetStats();
        Assert.Equal(1, stats.Topic(GenStack.Title).Searches);
        Assert.Equal(1, stats.RequestsTo("search"));
        Assert.Equal(0, stats.WebPluginRequests);
        Assert.Equal(1, stats.ChatRequestsBySchema["flashcards"]);
        Assert.Equal(log.Attempts.Count(a => a.Provider == "openrouter"), stats.RequestsTo("chat"));
        Assert.Equal(Path.Combine(output.Base, "unified", "001_security", "password_hashing.json"), result.OutputPath);
        Assert.True(File.Exists(result.OutputPath));
        using var json = JsonDocument.Parse(result.Json!);
        Assert.Equal("exa", json.RootElement.GetProperty("research").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("cards").GetArrayLength());
        Assert.Equal(5, json.RootElement.GetProperty("sources").GetArrayLength());
        Assert.Equal(log.Attempts.Count, json.RootElement.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task RunAsync_UnifiedWithWebPlugin_OneWebSearchNoExaSearch()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 8));
        using var output = new TopicsDirectory();
        var log = new TopicCallLog(PriceTable.Default);
        var pipeline = stack.Pipeline(RunVariant.Unified, useWebPlugin: true, output.Base);

        var result = await pipeline.RunAsync(GenStack.Topic(), log, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var stats = stack.Simulator.GetStats();
        Assert.Equal(1, stats.WebPluginRequests);
        Assert.Equal(1, stats.Topic(GenStack.Title).WebSearches);
        Assert.Equal(0, stats.RequestsTo("search"));
        Assert.Equal(0, stats.Topic(GenStack.Title).Searches);
        Assert.Equal(log.Attempts.Count, stats.RequestsTo("chat"));
        Assert.Equal("web-plugin", pipeline.ResearchName);
        using var json = JsonDocument.Parse(result.Json!);
        Assert.Equal("web-plugin", json.RootElement.GetProperty("research").GetString());
    }

    [Fact]
    public async Task RunAsync_FlashcardsExaEvenWithWebFlag_UsesExa()
    {
        await using var stack = await GenStack.StartAsync();
        using var output = new TopicsDirectory();
        var pipeline = stack.Pipeline(RunVariant.FlashcardsExa, useWebPlugin: true, output.Base);

        var result = await pipeline.RunAsync(GenStack.Topic(), new TopicCallLog(PriceTable.Default), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var stats = stack.Simulator.GetStats();
        Assert.Equal(1, stats.RequestsTo("search"));
        Assert.Equal(0, stats.WebPluginRequests);
        Assert.Equal(1, stats.RequestsTo("chat"));
        Assert.EndsWith(Path.Combine("flashcards", "001_security", "password_hashing.json"), result.OutputPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FlashcardsWeb_OneChatCallWithThePlugin()
    {
        await using var stack = await GenStack.StartAsync();
        using var output = new TopicsDirectory();
        var pipeline = stack.Pipeline(RunVariant.FlashcardsWeb, useWebPlugin: false, output.Base);

        var result = await pipeline.RunAsync(GenStack.Topic(), new TopicCallLog(PriceTable.Default), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var stats = stack.Simulator.GetStats();
        Assert.Equal(1, stats.WebPluginRequests);
        Assert.Equal(1, stats.RequestsTo("chat"));
        Assert.Equal(0, stats.RequestsTo("search"));
    }

    [Fact]
    public async Task RunAsync_ResearchFailsPermanently_NoChatCallAndNoFile()
    {
        await using var stack = await GenStack.StartAsync();
        using var output = new TopicsDirectory();
        stack.Simulator.AddScript(new SimScript("401", 1, Endpoint: "search"));
        var pipeline = stack.Pipeline(RunVariant.Prompts, useWebPlugin: false, output.Base);

        var result = await pipeline.RunAsync(GenStack.Topic(), new TopicCallLog(PriceTable.Default), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Authentication, result.Error!.Kind);
        Assert.True(result.Error.StopsRun);
        Assert.StartsWith("research:", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stack.Simulator.GetStats().RequestsTo("chat"));
        Assert.False(Directory.Exists(Path.Combine(output.Base, "prompts")));
    }

    [Fact]
    public async Task RunAsync_FlashcardsFail_PromptStepsNeverRun()
    {
        await using var stack = await GenStack.StartAsync();
        using var output = new TopicsDirectory();
        stack.Simulator.AddScript(new SimScript("refusal", 1));
        var pipeline = stack.Pipeline(RunVariant.Unified, useWebPlugin: false, output.Base);

        var result = await pipeline.RunAsync(GenStack.Topic(), new TopicCallLog(PriceTable.Default), CancellationToken.None);

        Assert.Equal(ErrorKind.Refusal, result.Error!.Kind);
        Assert.Equal(1, stack.Simulator.GetStats().RequestsTo("chat"));
        Assert.Null(result.OutputPath);
    }
}
