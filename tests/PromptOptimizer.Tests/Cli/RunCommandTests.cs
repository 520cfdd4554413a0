using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_ReadmeMainCommand_WritesTwentyFilesWhoseCardsCiteTheirSources()
    {
        var exit = await _cli.RunAsync("--flashcards", "--provider", "sim", "--category", "001_cybersecurity", "--limit", "20", "--force");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        var files = _cli.OutputFiles("flashcards");
        Assert.Equal(20, files.Count);
        foreach (var file in files)
        {
            var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file), OutputJsonContext.Default.FlashcardDocument)!;
            var ids = document.Sources.Select(s => s.Id).ToHashSet();
            Assert.NotEmpty(document.Cards);
            Assert.All(document.Cards, card => Assert.True(card.SourceIds.Count > 0 && card.SourceIds.All(ids.Contains), $"{file}: card {card.Id} cites outside its sources"));
            Assert.Equal("exa", document.Research);
            Assert.StartsWith("001_cybersecurity/", document.Topic.Path, StringComparison.Ordinal);
        }

        Assert.Contains("DIRECT EXA BATCH PROCESSING COMPLETE", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("  Completed: 20", _cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\d:\d\d:\d\d\] Batch 1/2: Processing 10 topics\.\.\. \[\d+s elapsed\]", _cli.Output);
        Assert.Matches(@"\[\d\d:\d\d:\d\d\]   Batch 1 complete: 10 succeeded, 0 failed", _cli.Output);
    }

    [Fact]
    public async Task Run_BrokenTopicFiles_GoodTopicsCompleteAndEachBrokenFileFailsOnceByName()
    {
        var topics = Path.Combine(_cli.Root, "topics");
        var category = Path.Combine(topics, "cat");
        Directory.CreateDirectory(category);
        for (var i = 0; i < 3; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(category, $"good{i}.json"), $"{{\"title\":\"Good topic {i}\",\"card_count\":5}}");
        }

        var broken = new Dictionary<string, byte[]>
        {
            ["bad_json.json"] = "{\"title\": "u8.ToArray(),
            ["no_title.json"] = "{\"description\":\"x\"}"u8.ToArray(),
            ["empty_title.json"] = "{\"title\":\"  \"}"u8.ToArray(),
            ["wrong_type.json"] = "{\"title\":\"T\",\"keywords\":\"not an array\"}"u8.ToArray(),
            ["count_range.json"] = "{\"title\":\"T\",\"card_count\":51}"u8.ToArray(),
            ["not_utf8.json"] = [(byte)'{', (byte)'"', (byte)'t', 0xC3, 0x28, (byte)'"', (byte)'}'],
            ["too_big.json"] = System.Text.Encoding.UTF8.GetBytes("{\"title\":\"T\",\"description\":\"" + new string('x', 1_100_000) + "\"}"),
        };
        foreach (var (name, bytes) in broken)
        {
            await File.WriteAllBytesAsync(Path.Combine(category, name), bytes);
        }

        var outside = Path.Combine(_cli.Root, "outside.json");
        await File.WriteAllTextAsync(outside, "{\"title\":\"Secret outside\"}");
        File.CreateSymbolicLink(Path.Combine(category, "escape.json"), outside);
        _cli.TopicsDir = topics;

        var exit = await _cli.RunAsync("--flashcards", "--provider", "sim", "--sim-latency", "0", "--batch-delay", "0", "--force", "--plain");

        Assert.Equal(ExitCodes.TopicsFailed, exit);
        Assert.Equal(3, _cli.OutputFiles("flashcards").Count);
        var failedLines = _cli.Output.Split('\n').Where(l => l.Contains("FAILED", StringComparison.Ordinal)).ToList();
        Assert.Equal(broken.Count + 1, failedLines.Count);
        foreach (var name in broken.Keys.Append("escape.json"))
        {
            Assert.Single(failedLines, l => l.Contains("cat/" + name, StringComparison.Ordinal));
        }

        Assert.Contains(failedLines, l => l.Contains("outside the topics directory", StringComparison.Ordinal));
        Assert.Contains(failedLines, l => l.Contains("not valid UTF-8", StringComparison.Ordinal));
        Assert.Contains(failedLines, l => l.Contains("1 MiB", StringComparison.Ordinal));
        Assert.Contains(failedLines, l => l.Contains("'title'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WithoutOpenRouterKey_ExitsTwoNamingTheVariableAndTheOfflineOption()
    {
        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--limit", "1", "--force");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("OPENROUTER_API_KEY", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--provider sim", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.OutputDir) && Directory.EnumerateFiles(_cli.OutputDir, "*.json", SearchOption.AllDirectories).Any());
    }

    [Theory]
    [InlineData("OPENROUTER_BASE_URL", "/api/v1")]
    [InlineData("OPENROUTER_BASE_URL", "not a url")]
    [InlineData("EXA_BASE_URL", "ftp://example.com")]
    public async Task Run_BadBaseUrl_ExitsTwoNamingTheVariable(string variable, string value)
    {
        _cli.WithEnvironment("OPENROUTER_API_KEY", "base-url-test-openrouter-key")
            .WithEnvironment("EXA_API_KEY", "base-url-test-exa-key")
            .WithEnvironment(variable, value);

        var exit = await _cli.RunAsync("--flashcards", "--limit", "1", "--force");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"{variable} must be an absolute http(s) URL", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("base-url-test", _cli.Error.ToString() + _cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--flashcards", "--concurrent", "0")]
    [InlineData("--flashcards", "--concurrent", "-3")]
    [InlineData("--flashcards", "--batch-size", "0")]
    [InlineData("--flashcards", "--prompts")]
    [InlineData("--flashcards", "--no-such-flag")]
    [InlineData("--flashcards", "--limit", "abc")]
    [InlineData("--flashcards", "--resume")]
    [InlineData("--flashcards", "--provider", "nowhere")]
    [InlineData("--unified", "--max-cost", "-1")]
    public async Task Run_BadCommandLine_ExitsTwoWithAMessageAndWritesNothing(params string[] args)
    {
        var exit = await _cli.RunAsync([.. args, "--provider", "sim", "--force"]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.False(string.IsNullOrWhiteSpace(_cli.Error.ToString()));
        Assert.Empty(_cli.OutputFiles("flashcards"));
    }

    [Fact]
    public async Task Run_MissingTopicsDirectory_ExitsTwo()
    {
        _cli.TopicsDir = Path.Combine(_cli.Root, "missing");

        var exit = await _cli.RunAsync("--flashcards", "--provider", "sim", "--force");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("topics directory not found", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SecondRun_SkipsCompletedTopicsWithoutAnyApiCall()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        _cli.WithEnvironment("OPENROUTER_API_KEY", "test-openrouter-key-123456")
            .WithEnvironment("EXA_API_KEY", "test-exa-key-123456")
            .WithEnvironment("OPENROUTER_BASE_URL", sim.OpenRouterBaseUri.AbsoluteUri)
            .WithEnvironment("EXA_BASE_URL", sim.ExaBaseUri.AbsoluteUri);

        _cli.TopicsDir = TopicFiles.Create(_cli.Root, count: 6);

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--batch-delay", "0", "--force", "--plain"));
        var afterFirst = sim.GetStats();
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--batch-delay", "0", "--force", "--plain"));
        var afterSecond = sim.GetStats();

        Assert.Equal(afterFirst.RequestsTo("chat"), afterSecond.RequestsTo("chat"));
        Assert.Equal(afterFirst.RequestsTo("search"), afterSecond.RequestsTo("search"));
        Assert.Contains("Topics to process: 0", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Skipped (resumed): 6", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CompletedTopicWhoseOutputWasDeleted_IsGeneratedAgain()
    {
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 4);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "0", "--batch-delay", "0", "--force", "--plain"));
        var victim = _cli.OutputFiles("flashcards")[0];
        File.Delete(victim);

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "0", "--batch-delay", "0", "--force", "--plain"));

        Assert.True(File.Exists(victim));
        Assert.Contains("Topics to process: 1", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("  Completed: 1", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DryRun_ShowsThePlanAndWritesNothing()
    {
        var exit = await _cli.RunAsync("--prompts", "--provider", "sim", "--category", "004_databases", "--dry-run");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Plan: prompts (Exa research)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Estimated duration:", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("estimated cost: $", _cli.Output, StringComparison.Ordinal);
        Assert.Empty(_cli.OutputFiles("prompts"));
    }

    [Fact]
    public async Task Run_WithoutForceOrTerminal_ExitsTwoAskingForForce()
    {
        var exit = await _cli.RunAsync("--flashcards", "--provider", "sim", "--limit", "1");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--force", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_cli.OutputFiles("flashcards"));
    }

    [Fact]
    public async Task Run_CleanupWithForce_DeletesScopeOutputsAndRedoesThem()
    {
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 4, categories: 2);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "0", "--batch-delay", "0", "--force", "--plain"));

        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "0", "--batch-delay", "0", "--category", "c0", "--cleanup", "--force", "--plain");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Cleanup: deleted 2 output files and reset 2 tracking rows (c0)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("  Completed: 2", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(4, _cli.OutputFiles("flashcards").Count);
    }

    [Fact]
    public async Task Run_ConfigFileAndEnvironment_SetDefaultsWithFlagsWinning()
    {
        var config = Path.Combine(_cli.Root, "po.json");
        await File.WriteAllTextAsync(config, "{\"concurrent\": 7, \"batch-size\": 3, \"model\": \"file/model\"}");
        _cli.WithEnvironment("PROMPT_OPTIMIZER_MODEL", "env/model");

        var exit = await _cli.RunAsync("--flashcards", "--provider", "sim", "--config", config, "--batch-size", "5", "--dry-run");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("model env/model", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Concurrency: 7, batch size 5", _cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"bogus\": 1}", "unknown key 'bogus'")]
    [InlineData("{\"concurrent\": \"many\"}", "bad value for 'concurrent'")]
    [InlineData("{\"openrouter_api_key\": \"x\"}", "only from the environment")]
    [InlineData("[1]", "must be a JSON object")]
    public async Task Run_BadConfigFile_ExitsTwoNamingTheKey(string content, string expected)
    {
        var config = Path.Combine(_cli.Root, "po.json");
        await File.WriteAllTextAsync(config, content);

        var exit = await _cli.RunAsync("--flashcards", "--provider", "sim", "--config", config, "--dry-run");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, _cli.Error.ToString(), StringComparison.Ordinal);
    }
}
