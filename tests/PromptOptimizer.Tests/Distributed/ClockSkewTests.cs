using System.Globalization;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking.Postgres;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>
/// A real worker process whose clock runs ten minutes ahead (libfaketime, Debian's <c>faketime</c> package) beside
/// leases another worker holds for five minutes: on its own clock they ran out long ago, on the database's they are
/// live, and the database's clock is the one that counts.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class ClockSkewTests : WorkerProcessTest
{
    private const int Topics = 10;

    [SkippableFact]
    public async Task Work_UnderFaketimeTenMinutesAhead_TakesNoLiveLease()
    {
        // Debian's multiarch place: /usr/lib/<triplet>/faketime/.
        var library = Directory.Exists("/usr/lib")
            ? Directory.GetDirectories("/usr/lib").Select(d => Path.Combine(d, "faketime", "libfaketime.so.1")).FirstOrDefault(File.Exists)
            : null;
        Skip.If(library is null, "libfaketime is not installed (Debian package faketime; .ci/faketime.sh installs it)");
        await CreateDatabaseAsync();
        var topics = TopicFiles.Create(Cli.Root, Topics, categories: 1, cardCount: 3);
        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("enqueue", "--flashcards", "--use-web-plugin", "--topics-dir", topics, "--store", Database.ConnectionString));
        await using var live = new PostgresCompletionStore(Database.ConnectionString, TimeProvider.System);
        await live.InitializeAsync(default);
        Assert.Equal(Topics, (await live.ClaimBatchAsync(OutputKind.Flashcards, "live-worker", "live-run", 100, TimeSpan.FromMinutes(5), default)).Count);

        var environment = new Dictionary<string, string>
        {
            ["OPENROUTER_API_KEY"] = "skew-test-openrouter-key",
            ["EXA_API_KEY"] = "skew-test-exa-key",
            ["OPENROUTER_BASE_URL"] = "http://127.0.0.1:9/api/v1",
            ["EXA_BASE_URL"] = "http://127.0.0.1:9",
            ["PROMPT_OPTIMIZER_STORE"] = Database.ConnectionString,
            ["LD_PRELOAD"] = library!,
            ["FAKETIME"] = "+10m",
            // Timers and timeouts keep real time; only the wall clock (what a lease would be judged by) is ahead.
            ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        };
        using var skewed = CliProcess.Start(["work", "--lease-seconds", "3", "--poll-seconds", "0.2", "--grace", "1", "--output-dir", Cli.OutputDir], environment);

        // Its own heartbeat a second after it registered: it has polled the queue several times by then.
        await Poll.UntilAsync(async () => skewed.HasExited
            || await Database.ScalarAsync("SELECT count(*) FROM workers WHERE last_heartbeat > started_at") is long beats && beats > 0,
            TimeSpan.FromSeconds(60), "the skewed worker's first heartbeat");
        Assert.False(skewed.HasExited, "the skewed worker ended:\n" + skewed.Output);
        var started = TrackingRows.ParseTime((string)(await Database.ScalarAsync("SELECT started_at FROM workers"))!);
        Assert.True(started > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(9), $"the worker's clock is not ahead ({started:O}): faketime had no effect");

        var rows = await live.QueryAsync(new TopicQuery(OutputKind.Flashcards), default);
        Assert.All(rows, r => Assert.Equal(("live-worker", TopicStatus.Started, 1), (r.WorkerId, r.Status, r.Attempts)));
        skewed.Signal(15);
        var exit = await skewed.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == ExitCodes.Interrupted, $"exit {exit}:\n{skewed.Output}");
        Assert.Equal(Topics.ToString(CultureInfo.InvariantCulture), (await Database.ScalarAsync("SELECT count(*) FROM topics WHERE worker_id = 'live-worker'"))!.ToString());
    }
}
