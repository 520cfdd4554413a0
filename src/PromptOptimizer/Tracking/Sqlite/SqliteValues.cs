using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>How the SQLite store passes values as parameters (NULLs, times), and small command helpers.</summary>
internal static class SqliteValues
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> PreparedCommands = [];

    /// <summary>A time as a parameter: the shared text form (<see cref="TrackingRows.Time(DateTimeOffset)"/>), or NULL.</summary>
    public static object Time(DateTimeOffset? value) => value is { } v ? TrackingRows.Time(v) : DBNull.Value;

    public static object OrNull(string? value) => value is null ? DBNull.Value : value;

    public static object OrNull(long? value) => value is { } v ? v : DBNull.Value;

    /// <summary>
    /// A command kept prepared for the connection's lifetime, for the statements every topic runs: SQLite parses and
    /// plans it once instead of on every call, a cost every topic would otherwise pay. The caller must not
    /// dispose it (closing the connection finalizes it) and must be the connection's only user, as the single writer is.
    /// </summary>
    public static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var cache = PreparedCommands.GetValue(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!cache.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            cache[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static void Add(this SqliteCommand command, string name, object value) => command.Parameters.AddWithValue(name, value);
}
