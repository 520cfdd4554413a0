namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>
/// The one PostgreSQL server every test of this test process uses. <c>PROMPT_OPTIMIZER_TEST_PG</c> names a server to
/// use (CI or a developer may point at their own); without it a <see cref="ThrowawayPostgres"/> is started from the
/// installed binaries on first use and stopped when the process exits. Only missing binaries skip the tests, and with
/// <c>PROMPT_OPTIMIZER_REQUIRE_PG=1</c> (CI) even that fails: a server that was found but does not work is a failure.
/// </summary>
internal static class PostgresTestServer
{
    public const string ServerVariable = "PROMPT_OPTIMIZER_TEST_PG";
    public const string RequireVariable = "PROMPT_OPTIMIZER_REQUIRE_PG";

    // Lazy caches a failure too, so after a failed start every test reports the same cause at once.
    private static readonly Lazy<string> Server = new(FindOrStart);

    /// <summary>The server's administrative connection string (database <c>postgres</c>).</summary>
    public static string ConnectionString => Server.Value;

    private static string FindOrStart()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return given;
        }

        if (ThrowawayPostgres.FindBinaries() is not { } bin)
        {
            var missing = "no PostgreSQL server binaries (initdb, pg_ctl, postgres) under /usr/lib/postgresql/*/bin or on PATH: "
                + $"install Debian's postgresql package, or set {ServerVariable} to a server's connection string";
            throw Environment.GetEnvironmentVariable(RequireVariable) == "1"
                ? new InvalidOperationException($"{RequireVariable}=1 but {missing}.")
                : new SkipException($"PostgreSQL tests skipped: {missing}.");
        }

        var server = ThrowawayPostgres.Start(bin);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server.ConnectionString;
    }
}
