using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using PromptOptimizer.Bench;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking.Postgres;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>
/// Worker processes of the real CLI on one PostgreSQL database, one of them killed with SIGKILL mid-run. That a late
/// lease holder cannot complete a topic taken over by another worker is proven at store level
/// (<c>PostgresWorkQueueTests.ClaimBatchAsync_LeaseExpired_ReclaimedAndLateHolderCannotCompleteOrFail</c>); here the
/// survivors must take the dead worker's topics over once its lease runs out.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class WorkerProcessTests(ITestOutputHelper output) : WorkerProcessTest
{
    private const int Topics = 1000;
    private const int ExaQps = 25;

    [SkippableFact]
    public async Task Work_ThreeProcessesOneKilled_EveryTopicCompletedOnceUnderTheSharedExaLimit()
    {
        await CreateDatabaseAsync();
        await using var sim = await SimulatorChild.StartAsync("--latency", "30", "--latency-sigma", "0.3");
        var topics = TopicFiles.Create(Cli.Root, Topics, categories: 3, cardCount: 3);
        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("enqueue", "--flashcards", "--topics-dir", topics, "--store", Database.ConnectionString));
        Assert.Contains($"{Topics} added", Cli.Output, StringComparison.Ordinal);

        var environment = new Dictionary<string, string>
        {
            ["OPENROUTER_API_KEY"] = "worker-test-openrouter-key",
            ["EXA_API_KEY"] = "worker-test-exa-key",
            ["OPENROUTER_BASE_URL"] = sim.OpenRouterBaseUri.AbsoluteUri,
            ["EXA_BASE_URL"] = sim.ExaBaseUri.AbsoluteUri,
            ["PROMPT_OPTIMIZER_STORE"] = Database.ConnectionString,
        };
        CliProcess Worker(int n) => CliProcess.Start(
            ["work", "--concurrent", "8", "--exa-qps", ExaQps.ToString(CultureInfo.InvariantCulture), "--lease-seconds", "2", "--poll-seconds", "0.3",
             "--claim-batch", "5", "--output-dir", Path.Combine(Cli.Root, "out" + n.ToString(CultureInfo.InvariantCulture))], environment);

        using var victim = Worker(0);
        using var second = Worker(1);
        using var third = Worker(2);
        // A fresh process's first calls are slowed by JIT compilation after their permits were granted, which bunches
        // arrivals beyond any margin; the limit is measured once every worker has made calls.
        await Poll.UntilAsync(async () => await CountAsync("status = 'completed'") >= 30 || victim.HasExited, TimeSpan.FromSeconds(40), "30 topics completed");
        await sim.ResetStatsAsync();
        var measured = Stopwatch.StartNew();
        await Poll.UntilAsync(async () => await CountAsync("status = 'completed'") >= Topics / 3 || victim.HasExited, TimeSpan.FromSeconds(40), "a third of the topics completed");
        Assert.False(victim.HasExited, "the worker finished before it could be killed:\n" + victim.Output);
        Assert.True(await CountAsync("status = 'started' AND lease_until IS NOT NULL") > 0, "nothing was in flight at the kill");
        await victim.KillAsync();

        Assert.Equal(ExitCodes.Success, await second.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        Assert.Equal(ExitCodes.Success, await third.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        Assert.Equal(Topics, await CountAsync("status = 'completed' AND result_json IS NOT NULL"));
        Assert.Equal(0, await CountAsync("status <> 'completed'"));
        Assert.True(await CountAsync("attempts > 1") > 0, "no topic of the killed worker was taken over");
        // The shared limit is measured where a provider counts it: arrivals at the simulator (its own process) in every
        // 1-second window. Without the limit, 3 workers × 8 in flight at ~30 ms would search hundreds of times a second.
        measured.Stop();
        var stats = await sim.GetStatsAsync();
        var searches = stats.RequestsTo("search");
        var peak = stats.PeakRequestsPerSecond.GetValueOrDefault("search");
        var rate = searches / measured.Elapsed.TotalSeconds;
        // How close the tightest limit + 1 consecutive arrivals came to one second: the margin the grants' spacing left.
        var slack = ArrivalRate.Slack(await sim.GetArrivalsAsync("search"), ExaQps) is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) : "n/a";
        var expired = ExpiredPermits(second.Output) + ExpiredPermits(third.Output);
        var summary = $"{searches} searches in {measured.Elapsed.TotalSeconds:0.0} s = {rate:0.0}/s, at most {peak} in one second at the simulator "
            + $"(closest {ExaQps + 1} arrivals: {slack} ms more than a second; {expired} expired permits replaced by the survivors), against a shared limit of {ExaQps}/s";
        output.WriteLine(summary);
        Assert.True(searches > 0 && peak <= ExaQps && rate <= ExaQps, summary);

        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("materialize", "--store", Database.ConnectionString, "--output-dir", Cli.OutputDir));
        var files = Cli.OutputFiles("flashcards");
        Assert.Equal(Topics, files.Count);
        var document = JsonSerializer.Deserialize(await File.ReadAllTextAsync(files[0]), OutputJsonContext.Default.FlashcardDocument);
        Assert.NotEmpty(document!.Cards);

        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("completion-status", "--store", Database.ConnectionString, "--json"));
        using var status = JsonDocument.Parse(Cli.Output);
        var workers = status.RootElement.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal(3, workers.Count);
        Assert.Equal(Topics, workers.Sum(w => w.GetProperty("completed").GetInt64()));
        Assert.All(workers, w => Assert.Equal(0, w.GetProperty("in_flight").GetInt32()));
    }

    /// <summary>The count a worker prints when some of its shared permits expired before use; zero when it printed none.</summary>
    private static long ExpiredPermits(string workerOutput) =>
        Regex.Match(workerOutput, @"Rate limits: (\d+) shared permits expired") is { Success: true } match
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : 0;

}
