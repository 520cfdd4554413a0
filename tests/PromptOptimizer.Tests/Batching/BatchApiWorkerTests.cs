using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Distributed;
using PromptOptimizer.Tests.Reliability;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Batching;

/// <summary>
/// <c>work --batch-api</c> processes on one PostgreSQL store: a worker SIGKILLed with its batch still running at the
/// provider, then two workers that share the rest. The dead worker's topics are taken over once their leases run out and
/// read from its batch, so no <c>custom_id</c> is ever in two batches and no request body is billed twice.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class BatchApiWorkerTests : WorkerProcessTest
{
    private const int Topics = 16;
    private const string Outstanding = $"batch_id IS NOT NULL AND status NOT IN ('{RecordedBatch.Collected}', '{RecordedBatch.Abandoned}')";

    [SkippableFact]
    public async Task Work_OneWorkerKilledWithABatchRunningThenTwoShareTheRest_EveryTopicOnceAndNoRequestSubmittedOrBilledTwice()
    {
        await CreateDatabaseAsync();
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.FromSeconds(3) }, CancellationToken.None);
        var topics = TopicFiles.Create(Cli.Root, Topics, categories: 2, cardCount: 3);
        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("enqueue", "--flashcards", "--topics-dir", topics, "--store", Database.ConnectionString));

        var environment = SimulatedRun.ChildEnvironment(sim);
        environment["PROMPT_OPTIMIZER_STORE"] = Database.ConnectionString;

        // Four topics at a time per worker, so the first worker's batch holds only part of the queue; a short request
        // timeout keeps the wait short for an intent the killed worker may have left without its batch id.
        CliProcess Worker(int n) => CliProcess.Start(
            ["work", "--batch-api", "--concurrent", "4", "--claim-batch", "2", "--lease-seconds", "2", "--poll-seconds", "0.3", "--exa-qps", "1000",
             "--request-timeout", "5", "--output-dir", Path.Combine(Cli.Root, "out" + n.ToString(CultureInfo.InvariantCulture))], environment);

        string label;
        using (var victim = Worker(0))
        {
            await Poll.UntilAsync(async () => victim.HasExited || await ScalarAsync<long>($"SELECT count(*) FROM provider_batches WHERE {Outstanding}") > 0,
                TimeSpan.FromSeconds(60), "the first worker's batch recorded with its id");
            Assert.False(victim.HasExited, "the worker finished before it could be killed:\n" + victim.Output);
            await victim.KillAsync();
            label = await ScalarAsync<string>($"SELECT label FROM provider_batches WHERE {Outstanding} LIMIT 1");
        }

        Assert.True(await CountAsync("status = 'started'") > 0, "the killed worker held no topic");
        using (var second = Worker(1))
        using (var third = Worker(2))
        {
            var exits = await Task.WhenAll(second.WaitForExitAsync(TimeSpan.FromSeconds(150)), third.WaitForExitAsync(TimeSpan.FromSeconds(150)));
            Assert.True(exits.All(e => e == ExitCodes.Success), second.Output + "\n" + third.Output);
        }

        Assert.Equal(Topics, await CountAsync("status = 'completed' AND result_json IS NOT NULL"));
        Assert.True(await CountAsync("attempts > 1") > 0, "no topic of the killed worker was taken over");
        Assert.Equal(RecordedBatch.Collected, await ScalarAsync<string>($"SELECT status FROM provider_batches WHERE label = '{label}'"));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM provider_batches WHERE {Outstanding}"));

        var stats = sim.GetStats();
        Assert.Equal(1, stats.Batches.MaxSubmissionsPerCustomId);
        Assert.Equal(1, stats.Batches.MaxChargedPerBody);
        Assert.All(Enumerable.Range(0, Topics), i => Assert.Equal(1, stats.Topic("Generated topic number " + i.ToString(CultureInfo.InvariantCulture)).Flashcards));

        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("completion-status", "--store", Database.ConnectionString, "--json"));
        using var status = JsonDocument.Parse(Cli.Output);
        var completed = status.RootElement.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("completed").GetInt64()).ToList();
        Assert.Equal(Topics, completed.Sum());
        Assert.Equal(2, completed.Count(c => c > 0));
    }

    private async Task<T> ScalarAsync<T>(string sql) => (T)Convert.ChangeType(await Database.ScalarAsync(sql), typeof(T), CultureInfo.InvariantCulture)!;
}
