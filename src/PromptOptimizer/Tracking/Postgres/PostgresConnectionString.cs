using System.Globalization;
using Npgsql;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>
/// Turns what a user gives as <c>--store</c> (a <c>postgres://</c> / <c>postgresql://</c> URL or an Npgsql
/// connection string) into an Npgsql connection string, and describes it without its password.
/// </summary>
internal static class PostgresConnectionString
{
    /// <summary>True when the text is a PostgreSQL URL or looks like a key=value connection string with a host.</summary>
    public static bool IsPostgres(string? store)
    {
        if (string.IsNullOrWhiteSpace(store))
        {
            return false;
        }

        var text = store.Trim();
        return IsUrl(text)
            || (text.Contains('=', StringComparison.Ordinal)
                && (text.Contains("host=", StringComparison.OrdinalIgnoreCase) || text.Contains("server=", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The Npgsql connection string for a URL or connection string; throws <see cref="ArgumentException"/> (never echoing the password).</summary>
    public static string Normalize(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        var text = store.Trim();
        if (!IsUrl(text))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(text).ConnectionString;
            }
            catch (ArgumentException)
            {
                throw new ArgumentException("The PostgreSQL connection string is not valid (expected e.g. Host=...;Username=...;Database=...).", nameof(store));
            }
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("The PostgreSQL URL is not valid (expected postgresql://user:password@host:port/database).", nameof(store));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            ApplyQueryParameter(builder, key, value);
        }

        return builder.ConnectionString;
    }

    /// <summary><c>user@host:port/database</c>: safe for messages and logs.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : builder.Username + "@";
            return string.Create(CultureInfo.InvariantCulture, $"postgresql://{user}{builder.Host}:{builder.Port}/{builder.Database}");
        }
        catch (ArgumentException)
        {
            return "(PostgreSQL)";
        }
    }

    private static bool IsUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static void ApplyQueryParameter(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new ArgumentException($"Unknown sslmode '{value}' in the PostgreSQL URL.", nameof(key)),
                };
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "connect_timeout":
                builder.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                break;
            default:
                // Anything else is taken as an Npgsql keyword (e.g. "Maximum Pool Size=50").
                try
                {
                    builder[key] = value;
                }
                catch (ArgumentException)
                {
                    throw new ArgumentException($"Unknown parameter '{key}' in the PostgreSQL URL.", nameof(key));
                }

                break;
        }
    }
}
