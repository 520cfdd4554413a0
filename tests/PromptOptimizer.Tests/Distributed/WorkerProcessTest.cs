using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking.Postgres;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>
/// What every test of real worker processes on PostgreSQL shares: a scratch CLI harness and one throw-away database,
/// created by the test itself (so a missing server skips the test instead of failing the class) and dropped after it.
/// </summary>
public abstract class WorkerProcessTest : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    /// <summary>The CLI harness: a scratch root, topics and output folders, and the runs' output.</summary>
    private protected CliHarness Cli { get; } = new();

    /// <summary>The test's database; <see cref="CreateDatabaseAsync"/> must have run.</summary>
    private protected PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("call CreateDatabaseAsync first");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Cli.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Creates the test's database (skips the test when no PostgreSQL server can be had).</summary>
    private protected async Task CreateDatabaseAsync() => _database = await PostgresTestDatabase.CreateAsync();

    /// <summary>How many topic rows match <paramref name="where"/>.</summary>
    private protected async Task<long> CountAsync(string where) =>
        Convert.ToInt64(await Database.ScalarAsync("SELECT count(*) FROM topics WHERE " + where), System.Globalization.CultureInfo.InvariantCulture);
}
