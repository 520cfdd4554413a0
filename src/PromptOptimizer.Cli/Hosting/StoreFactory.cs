using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Postgres;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>Opens the completion database of a state directory, turning a damaged file into a message, never a deletion.</summary>
internal static class StoreFactory
{
    public static Task<(ICompletionStore? Store, string? Error)> OpenAsync(string stateDir, TimeProvider time, CancellationToken cancellationToken) =>
        OpenAsync(new StoreSpec(Path.Combine(stateDir, SqliteCompletionStore.DefaultFileName), null, stateDir), time, cancellationToken);

    /// <summary>Opens the SQLite file or the PostgreSQL database a <see cref="StoreSpec"/> names; errors never hold a password.</summary>
    public static async Task<(ICompletionStore? Store, string? Error)> OpenAsync(StoreSpec spec, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.PostgresConnection is { } connection)
        {
            var postgres = new PostgresCompletionStore(connection, time);
            try
            {
                await postgres.InitializeAsync(cancellationToken).ConfigureAwait(false);
                return (postgres, null);
            }
            catch (CompletionStoreException ex)
            {
                await postgres.DisposeAsync().ConfigureAwait(false);
                return (null, ex.Message);
            }
        }

        var path = spec.SqlitePath!;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var store = new SqliteCompletionStore(path, time);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return (store, null);
        }
        catch (CompletionStoreException ex)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            return (null, $"{ex.Message} The file was left untouched: move it aside to start a new database (outputs on disk are adopted again without API calls).");
        }
    }
}
