using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking.Postgres;

namespace PromptOptimizer.Tests.Distributed;

/// <summary><c>enqueue</c> and the status commands through the CLI, against PostgreSQL.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class QueueCommandTests : WorkerProcessTest
{

    [SkippableFact]
    public async Task Enqueue_TwiceThenOneFileChanged_IdempotentCountsAndStatusOnPostgres()
    {
        await CreateDatabaseAsync();
        var topics = TopicFiles.Create(Cli.Root, 6, categories: 2);
        string[] enqueue = ["enqueue", "--prompts", "--topics-dir", topics, "--store", Database.ConnectionString];

        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync(enqueue));
        Assert.Contains("6 added, 0 changed, 0 requeued, 0 unchanged", Cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync(enqueue));
        Assert.Contains("0 added, 0 changed, 0 requeued, 6 unchanged", Cli.Output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(topics, "c0", "t00000.json"), "{\"title\":\"Changed topic\"}");
        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync(enqueue));
        Assert.Contains("0 added, 1 changed, 0 requeued, 5 unchanged", Cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", Cli.Output, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("completion-status", "--store", Database.ConnectionString, "--json"));
        using (var status = JsonDocument.Parse(Cli.Output))
        {
            var rows = status.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(6, rows.Where(r => r.GetProperty("status").GetString() == "pending").Sum(r => r.GetProperty("count").GetInt32()));
            Assert.Empty(status.RootElement.GetProperty("workers").EnumerateArray());
        }

        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("completion-failed", "--store", Database.ConnectionString));
        Assert.Contains("No failed topics.", Cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await Cli.RunRawAsync("completion-clear", "--force", "--store", Database.ConnectionString));
        Assert.Equal(0L, await Database.ScalarAsync("SELECT count(*) FROM topics"));
    }

    [SkippableFact]
    public async Task Work_SqliteStore_UsageError()
    {
        Assert.Equal(ExitCodes.Usage, await Cli.RunRawAsync("work", "--provider", "sim", "--store", "sqlite:" + Path.Combine(Cli.Root, "x.db")));
        Assert.Contains("needs a PostgreSQL store", Cli.Error.ToString(), StringComparison.Ordinal);
    }
}
