using Npgsql;

namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>
/// A fresh database on the <see cref="PostgresTestServer"/>, dropped on dispose. Every test gets its own, so tests
/// never see each other's rows.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of the new database (the test server's credentials, this database's name).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database; skips the test when no server can be had (see <see cref="PostgresTestServer"/>).</summary>
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = PostgresTestServer.ConnectionString;
        var name = "test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", admin);
            await create.ExecuteNonQueryAsync();
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
        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
