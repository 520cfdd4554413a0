using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking.Postgres;

namespace PromptOptimizer.Tests.Distributed;

/// <summary><c>enqueue</c> and the status commands through the CLI, against PostgreSQL.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class QueueCommandTests : IAsyncLifetime
{
    private readonly CliHarness _cli = new();
    private PostgresTestDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Enqueue_TwiceThenOneFileChanged_IdempotentCountsAndStatusOnPostgres()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var topics = TopicFiles.Create(_cli.Root, 6, categories: 2);
        string[] enqueue = ["enqueue", "--prompts", "--topics-dir", topics, "--store", _database.ConnectionString];

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync(enqueue));
        Assert.Contains("6 added, 0 changed, 0 requeued, 0 unchanged", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync(enqueue));
        Assert.Contains("0 added, 0 changed, 0 requeued, 6 unchanged", _cli.Output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(topics, "c0", "t00000.json"), "{\"title\":\"Changed topic\"}");
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync(enqueue));
        Assert.Contains("0 added, 1 changed, 0 requeued, 5 unchanged", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", _cli.Output, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-status", "--store", _database.ConnectionString, "--json"));
        using (var status = JsonDocument.Parse(_cli.Output))
        {
            var rows = status.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(6, rows.Where(r => r.GetProperty("status").GetString() == "pending").Sum(r => r.GetProperty("count").GetInt32()));
            Assert.Empty(status.RootElement.GetProperty("workers").EnumerateArray());
        }

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-failed", "--store", _database.ConnectionString));
        Assert.Contains("No failed topics.", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-clear", "--force", "--store", _database.ConnectionString));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM topics"));
    }

    [SkippableFact]
    public async Task Work_SqliteStore_UsageError()
    {
        Assert.Equal(ExitCodes.Usage, await _cli.RunRawAsync("work", "--provider", "sim", "--store", "sqlite:" + Path.Combine(_cli.Root, "x.db")));
        Assert.Contains("needs a PostgreSQL store", _cli.Error.ToString(), StringComparison.Ordinal);
    }
}
