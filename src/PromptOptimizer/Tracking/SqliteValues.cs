using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PromptOptimizer.Tracking;

/// <summary>How the SQLite store writes times and money, and small command helpers.</summary>
internal static class SqliteValues
{
    // Fixed width so that text comparison in SQL (lease_until > now) orders like time.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const decimal NanosPerDollar = 1_000_000_000m;

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static object Time(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    /// <summary>Money as whole nano-dollars: exact to 1e-9 and exact when summed in SQL, unlike REAL.</summary>
    public static long Nanos(decimal usd) => (long)decimal.Round(usd * NanosPerDollar, MidpointRounding.AwayFromZero);

    public static decimal Usd(long nanos) => nanos / NanosPerDollar;

    public static object OrNull(string? value) => value is null ? DBNull.Value : value;

    public static object OrNull(long? value) => value is { } v ? v : DBNull.Value;

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static void Add(this SqliteCommand command, string name, object value) => command.Parameters.AddWithValue(name, value);
}
