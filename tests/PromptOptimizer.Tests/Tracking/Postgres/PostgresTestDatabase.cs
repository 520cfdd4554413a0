using Npgsql;

namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>
/// A fresh database on the test server (<c>PROMPT_OPTIMIZER_TEST_PG</c>), dropped on dispose. Without a server the
/// test is skipped with a message, unless <c>PROMPT_OPTIMIZER_REQUIRE_PG=1</c> (CI), where it fails instead.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "PROMPT_OPTIMIZER_TEST_PG";
    public const string RequireVariable = "PROMPT_OPTIMIZER_REQUIRE_PG";

    private readonly string serverConnectionString;
    private readonly string name;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        this.serverConnectionString = serverConnectionString;
        this.name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of the new database (the test server's credentials, this database's name).</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        var required = Environment.GetEnvironmentVariable(RequireVariable) == "1";
        if (string.IsNullOrWhiteSpace(server))
        {
            if (required)
            {
                throw new InvalidOperationException($"{RequireVariable}=1 but {ServerVariable} is not set: start a server with .ci/postgres.sh.");
            }

            throw new SkipException($"PostgreSQL tests skipped: set {ServerVariable} (e.g. source .ci/postgres.sh && ci_postgres_start) to run them.");
        }

        var name = "test_" + Guid.NewGuid().ToString("N");
        try
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex) when (!required)
        {
            throw new SkipException($"PostgreSQL tests skipped: the server in {ServerVariable} is not reachable ({ex.Message}).");
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Timeout = 60, MaxPoolSize = 50 };
        return new PostgresTestDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>Runs one statement on this database and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
