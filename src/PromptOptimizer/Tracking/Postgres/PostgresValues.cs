using Npgsql;
using NpgsqlTypes;

namespace PromptOptimizer.Tracking.Postgres;

/// <summary>
/// Typed parameters. Times and money are stored in the forms both stores share (<see cref="TrackingRows"/>): times as
/// fixed-width UTC text, exact to the tick, ordered like time under the "C" collation and readable in psql; money as
/// whole nano-dollars.
/// </summary>
internal static class PostgresValues
{
    public static void AddText(this NpgsqlCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    public static void AddBigint(this NpgsqlCommand command, string name, long? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = value is { } v ? v : DBNull.Value });

    public static void AddInteger(this NpgsqlCommand command, string name, int? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = value is { } v ? v : DBNull.Value });

    public static void AddTime(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.AddText(name, value is { } v ? TrackingRows.Time(v) : null);

    public static void AddTextArray(this NpgsqlCommand command, string name, string[] values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values });

    public static void AddByteaArray(this NpgsqlCommand command, string name, byte[][] values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = values });

    public static void AddUsd(this NpgsqlCommand command, string name, decimal usd) => command.AddBigint(name, TrackingRows.Nanos(usd));
}
