using PromptOptimizer.Tracking.Postgres;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>
/// What <c>--store</c> (or <c>PROMPT_OPTIMIZER_STORE</c>) names: <c>sqlite:PATH</c> (the default is
/// <c>&lt;state-dir&gt;/completion_tracking.db</c>) or a PostgreSQL URL / connection string.
/// </summary>
/// <param name="SqlitePath">The database file, for a SQLite store.</param>
/// <param name="PostgresConnection">The normalized Npgsql connection string (secret: never print it), for PostgreSQL.</param>
/// <param name="Description">Safe for messages: the file path, or the database without its password.</param>
internal sealed record StoreSpec(string? SqlitePath, string? PostgresConnection, string Description)
{
    /// <summary>The environment variable read when no <c>--store</c> is given.</summary>
    public const string EnvironmentVariable = "PROMPT_OPTIMIZER_STORE";

    public const string SqlitePrefix = "sqlite:";

    public bool IsPostgres => PostgresConnection is not null;

    /// <summary>The store named by the option, else the environment, else the state directory's SQLite file.</summary>
    public static (StoreSpec? Spec, string? Error) Resolve(string? option, Func<string, string?> environment, string stateDir)
    {
        var text = string.IsNullOrWhiteSpace(option) ? environment(EnvironmentVariable) : option;
        if (string.IsNullOrWhiteSpace(text))
        {
            var path = Path.Combine(stateDir, SqliteCompletionStore.DefaultFileName);
            return (new StoreSpec(path, null, Path.GetFullPath(path)), null);
        }

        text = text.Trim();
        if (text.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[SqlitePrefix.Length..];
            return path.Length == 0
                ? (null, "--store sqlite: needs a file path (sqlite:PATH)")
                : (new StoreSpec(path, null, Path.GetFullPath(path)), null);
        }

        if (!PostgresConnectionString.IsPostgres(text))
        {
            return (null, "--store must be sqlite:PATH, a postgresql:// URL or a PostgreSQL connection string (Host=...;Database=...)");
        }

        try
        {
            var normalized = PostgresConnectionString.Normalize(text);
            return (new StoreSpec(null, normalized, PostgresConnectionString.Describe(normalized)), null);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            // The messages of Normalize never echo the password; other parse errors are replaced wholesale.
            return (null, ex is ArgumentException ? "--store: " + ex.Message.Split(" (Parameter", 2)[0] : "--store: the PostgreSQL URL is not valid");
        }
    }

    /// <summary>
    /// The arguments as saved for <c>--resume</c>: a PostgreSQL <c>--store</c> loses its password (resume then
    /// authenticates through <c>PGPASSWORD</c>, <c>~/.pgpass</c> or <c>PROMPT_OPTIMIZER_STORE</c>); the rest is unchanged.
    /// </summary>
    public static IReadOnlyList<string> RedactArguments(IReadOnlyList<string> arguments) =>
        arguments.Select((a, i) => i > 0 && arguments[i - 1] == "--store" ? Redact(a) : a.StartsWith("--store=", StringComparison.Ordinal) ? "--store=" + Redact(a[8..]) : a).ToList();

    private static string Redact(string value)
    {
        try
        {
            return PostgresConnectionString.IsPostgres(value) ? PostgresConnectionString.Describe(PostgresConnectionString.Normalize(value)) : value;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            return "(invalid PostgreSQL store)";
        }
    }
}
