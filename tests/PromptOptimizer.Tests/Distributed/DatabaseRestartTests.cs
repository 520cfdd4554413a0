using System.Globalization;
using Npgsql;
using Xunit.Abstractions;
using PromptOptimizer.Cli;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking.Postgres;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>
/// The PostgreSQL server itself crashes under two worker processes of the real CLI and comes back on its port: it is
/// stopped with <c>pg_ctl stop -m immediate</c> (every connection cut, no checkpoint) and started again through crash
/// recovery. The server is the test's own (<see cref="ThrowawayPostgres"/> with durable commits, so that what it
/// acknowledged survives the crash, as on any real server), not the one the tests beside it share.
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IDisposable
{
    private const int Topics = 1000;

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [SkippableFact]
    public async Task Work_ServerStoppedImmediatelyAndRestartedMidRun_EveryTopicCompletedOnceNothingBoughtTwiceNoLeaseLeftBothExitZero()
    {
        var bin = ThrowawayPostgres.FindBinaries();
        Skip.If(bin is null, "no PostgreSQL server binaries to start a server of the test's own");
        var server = ThrowawayPostgres.Start(bin!, durableCommits: true);
        try
        {
            var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "restart_test", Timeout = 5 }.ConnectionString;
            await ScalarAsync(server.ConnectionString, "CREATE DATABASE restart_test;");
            await using var rig = await OutageRig.StartAsync(_cli, database, Topics, latencyMs: "5");
            string[] flags = ["--lease-seconds", "10", "--store-outage", "60"];
            using var first = rig.Worker(0, null, flags);
            using var second = rig.Worker(1, null, flags);
            await Poll.UntilAsync(async () => await CountAsync(database, "status = 'completed'") >= Topics / 5 || first.HasExited || second.HasExited,
                TimeSpan.FromSeconds(90), "a fifth of the topics completed");
            Assert.False(first.HasExited || second.HasExited, "a worker ended before the restart:\n" + first.Output + second.Output);

            server.StopImmediately();
            await Task.Delay(TimeSpan.FromSeconds(2)); // the outage itself, not a synchronisation
            server.StartAgain();

            var firstExit = await first.WaitForExitAsync(TimeSpan.FromSeconds(180));
            var secondExit = await second.WaitForExitAsync(TimeSpan.FromSeconds(180));
            output.WriteLine(first.Output + "\n" + second.Output);
            Assert.True(firstExit == ExitCodes.Success && secondExit == ExitCodes.Success, $"exits {firstExit}, {secondExit}:\n{first.Output}\n{second.Output}");
            Assert.Equal(Topics, await CountAsync(database, "status = 'completed' AND result_json IS NOT NULL"));
            Assert.Equal(0, await CountAsync(database, "lease_until IS NOT NULL OR status <> 'completed'"));
            Assert.Equal(0, await CountAsync(database, OutageRig.CompletedTwice));
            var boughtTwice = await rig.BoughtTwiceAsync(Topics);
            output.WriteLine($"claims lost in the crash and taken over later: {await CountAsync(database, "attempts > 1")}; generation calls bought twice: {boughtTwice}");
            Assert.Equal(0, boughtTwice);
            Assert.DoesNotContain("Unhandled exception", first.Output + second.Output, StringComparison.Ordinal);
        }
        finally
        {
            server.Stop();
        }
    }

    private static async Task<long> CountAsync(string database, string where) =>
        Convert.ToInt64(await ScalarAsync(database, "SELECT count(*) FROM topics WHERE " + where), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
