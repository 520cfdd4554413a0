using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Cli;

/// <summary>Every status command's output, text and JSON, after a real run with one failure.</summary>
public sealed class StatusCommandTests : IAsyncLifetime
{
    private readonly CliHarness _cli = new();
    private ProviderSimulator? _sim;

    public async Task InitializeAsync()
    {
        _sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        _sim.AddScript(new SimScript("403", Times: 100, Endpoint: "chat", TopicContains: "number 3"));
        _cli.WithEnvironment("OPENROUTER_API_KEY", "status-test-openrouter-key")
            .WithEnvironment("OPENROUTER_BASE_URL", _sim.OpenRouterBaseUri.AbsoluteUri);
        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 6, categories: 2, cardCount: 2);
        var exit = await _cli.RunAsync("--flashcards", "--use-web-plugin", "--batch-size", "3", "--batch-delay", "0", "--force", "--plain");
        Assert.True(exit == ExitCodes.TopicsFailed, _cli.Output + _cli.Error);
    }

    public async Task DisposeAsync()
    {
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }

        _cli.Dispose();
    }

    [Fact]
    public async Task CheckpointStatus_Text_ShowsTheOriginalBlock()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--use-web-plugin", "--checkpoint-status"));

        var text = _cli.Output;
        Assert.Contains("CHECKPOINT STATUS", text, StringComparison.Ordinal);
        Assert.Contains("  Total Topics: 6", text, StringComparison.Ordinal);
        Assert.Contains("  Completed: 5", text, StringComparison.Ordinal);
        Assert.Contains("  Failed: 1", text, StringComparison.Ordinal);
        Assert.Contains("  Remaining: 0", text, StringComparison.Ordinal);
        Assert.Contains("  Current Batch: 2", text, StringComparison.Ordinal);
        Assert.Matches(@"  Started: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text);
    }

    [Fact]
    public async Task CheckpointStatus_JsonForEveryMode_ListsTheWebCheckpoint()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--checkpoint-status", "--json"));

        using var json = JsonDocument.Parse(_cli.Output);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("web", entry.GetProperty("mode").GetString());
        var checkpoint = entry.GetProperty("checkpoint");
        Assert.Equal(6, checkpoint.GetProperty("total").GetInt32());
        Assert.Equal(5, checkpoint.GetProperty("completed").GetInt32());
        Assert.Equal(2, checkpoint.GetProperty("total_batches").GetInt32());
        Assert.True(checkpoint.GetProperty("finished").GetBoolean());
        Assert.Contains("--use-web-plugin", checkpoint.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task CompletionStatus_TextAndJson_CountByModeCategoryAndStatus()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir));
        Assert.Contains("Total: 6 tracked, 5 completed, 1 failed, 0 stale", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("flashcards", _cli.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--json"));
        using var json = JsonDocument.Parse(_cli.Output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(5, rows.Where(r => r.GetProperty("status").GetString() == "completed").Sum(r => r.GetProperty("count").GetInt32()));
        Assert.Equal(2, rows.Select(r => r.GetProperty("category").GetString()).Distinct().Count());
        Assert.True(rows.Sum(r => r.GetProperty("cost_usd").GetDecimal()) > 0);
    }

    [Fact]
    public async Task CompletionStatus_ChangedTopicFile_IsShownStale()
    {
        var file = Directory.GetFiles(_cli.TopicsDir, "t00000.json", SearchOption.AllDirectories).Single();
        await File.AppendAllTextAsync(file, "\n");

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--json"));

        using var json = JsonDocument.Parse(_cli.Output);
        var stale = Assert.Single(json.RootElement.GetProperty("stale").EnumerateArray());
        Assert.EndsWith("t00000.json", stale.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletionFailed_TextAndJson_ShowTheFailedTopicWithItsReason()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-failed", "--state-dir", _cli.StateDir));
        Assert.Contains("t00003.json", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Forbidden", _cli.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-failed", "--state-dir", _cli.StateDir, "--json"));
        using var json = JsonDocument.Parse(_cli.Output);
        var failed = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("flashcards", failed.GetProperty("mode").GetString());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("403", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletionReset_ByFilePath_PutsTheTopicBackToPending()
    {
        var file = Directory.GetFiles(_cli.TopicsDir, "t00001.json", SearchOption.AllDirectories).Single();

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-reset", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--topic", file));
        Assert.Contains("back to pending", _cli.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--json"));
        using var json = JsonDocument.Parse(_cli.Output);
        Assert.Equal(1, json.RootElement.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "pending").Sum(r => r.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task CompletionClear_WithoutForceAndTerminal_RefusesThenClearsWithForce()
    {
        Assert.Equal(ExitCodes.Usage, await _cli.RunRawAsync("completion-clear", "--state-dir", _cli.StateDir));
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-clear", "--state-dir", _cli.StateDir, "--force"));
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir));
        Assert.Contains("No topics tracked yet.", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_TextAndJson_ShowCallsWithoutKeysAndTheSources()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("inspect", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--output-dir", _cli.OutputDir, "--topic", "c0/t00000.json"));
        Assert.Contains("completed", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("generate:openrouter", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("source S1:", _cli.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("inspect", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--output-dir", _cli.OutputDir, "--topic", "c1/t00003.json", "--json"));
        using var json = JsonDocument.Parse(_cli.Output);
        var attempt = Assert.Single(json.RootElement.GetProperty("attempts").EnumerateArray());
        Assert.Equal(403, attempt.GetProperty("status_code").GetInt32());
        Assert.Contains("\"plugins\"", attempt.GetProperty("request").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("status-test-openrouter-key", _cli.Output, StringComparison.Ordinal);
    }
}
