using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Batching;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using Spectre.Console.Testing;

namespace PromptOptimizer.Tests.Cli;

/// <summary>The two progress displays, rendered into Spectre's test console.</summary>
public sealed class RunObserverTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 19, 28, TimeSpan.Zero);

    [Fact]
    public void PlainObserver_BatchEvents_PrintTheOriginalToolsLines()
    {
        var console = new TestConsole();
        var time = new FakeTimeProvider(Start) { };
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var observer = new PlainRunObserver(console, time);

        observer.OnBatchStarted(1, 38, 100, TimeSpan.FromSeconds(15));
        observer.OnBatchCompleted(1, 100, 0);
        observer.OnWaiting(TimeSpan.FromSeconds(2), "before next batch");
        observer.OnTopicFinished(Failed("cat/bad.json", "invalid JSON at line 1"), Progress());

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("[08:19:28] Batch 1/38: Processing 100 topics... [15s elapsed]", lines[0]);
        Assert.Equal("[08:19:28]   Batch 1 complete: 100 succeeded, 0 failed", lines[1]);
        Assert.Equal("[08:19:28]   Waiting 2.0s before next batch...", lines[2]);
        Assert.Equal("[08:19:28]   FAILED cat/bad.json: invalid JSON at line 1", lines[3]);
    }

    [Fact]
    public async Task LiveObserver_TopicsFinishing_ShowCountsBatchPaceCostAndCooldown()
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        var observer = new LiveRunObserver(console);

        var result = await observer.ShowAsync(10, () =>
        {
            observer.OnBatchStarted(2, 5, 2, TimeSpan.FromSeconds(30));
            observer.OnCooldown("openrouter", Start.AddSeconds(5), "rate limited");
            observer.OnTopicFinished(Failed("cat/x.json", "boom"), Progress());
            return Task.FromResult(42);
        });

        Assert.Equal(42, result);
        var line = Spectre.Console.Markup.Remove(observer.Description);
        Assert.Contains("3 done", line, StringComparison.Ordinal);
        Assert.Contains("1 failed", line, StringComparison.Ordinal);
        Assert.Contains("2 in flight", line, StringComparison.Ordinal);
        Assert.Contains("batch 2/5", line, StringComparison.Ordinal);
        Assert.Contains("/min", line, StringComparison.Ordinal);
        Assert.Contains("ETA", line, StringComparison.Ordinal);
        Assert.Contains("$0.0300", line, StringComparison.Ordinal);
        Assert.Contains("openrouter cooldown", line, StringComparison.Ordinal);
        Assert.Contains("FAILED", console.Output, StringComparison.Ordinal);
        Assert.Contains("cat/x.json", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainObserver_ProviderBatches_PrintOneLineWithBatchesAndTheirRequests()
    {
        var console = new TestConsole();
        var time = new FakeTimeProvider(Start);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);

        new PlainRunObserver(console, time).OnProviderBatches(Progress() with { Batches = Batches() });

        Assert.Equal(
            "[08:19:28]   Provider batches: 3 submitted, 2 running (1500 requests), 1 done, 120 requests waiting to be batched",
            console.Output.TrimEnd('\n'));
    }

    [Fact]
    public async Task LiveObserver_ProviderBatchesWithoutAFinishedTopic_ShowInTheBar()
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        var observer = new LiveRunObserver(console);

        await observer.ShowAsync(10, () =>
        {
            observer.OnProviderBatches(Progress() with { Batches = Batches() });
            return Task.FromResult(0);
        });

        var line = Spectre.Console.Markup.Remove(observer.Description);
        Assert.Contains("3 done", line, StringComparison.Ordinal);
        Assert.Contains("Provider batches: 3 submitted, 2 running (1500 requests), 1 done, 120 requests waiting to be batched", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveObserver_TopicFinishedWithoutTheBatchApi_ShowsNoBatches()
    {
        var console = new TestConsole();
        var observer = new LiveRunObserver(console);

        await observer.ShowAsync(10, () =>
        {
            observer.OnTopicFinished(Failed("cat/x.json", "boom"), Progress());
            return Task.FromResult(0);
        });

        Assert.DoesNotContain("batches", observer.Description, StringComparison.Ordinal);
    }

    private static BatchProgress Batches() => new(3, 2, 1, 10, 0.01m, 0.02m, RequestsInBatches: 1500, RequestsWaiting: 120);

    private static TopicOutcome Failed(string path, string message) =>
        new(path, 1, OutcomeStatus.Failed, ErrorKind.InvalidTopic, false, message, UsageSummary.Zero, 0, null, TimeSpan.Zero);

    private static RunProgress Progress() => new(12, 10, 3, 1, 2, 2, 2, 5, 0.03m, TimeSpan.FromMinutes(1));
}
