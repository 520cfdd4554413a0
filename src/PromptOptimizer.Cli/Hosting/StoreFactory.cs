using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>Opens the completion database of a state directory, turning a damaged file into a message, never a deletion.</summary>
internal static class StoreFactory
{
    public static async Task<(ICompletionStore? Store, string? Error)> OpenAsync(string stateDir, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDir);
        var path = Path.Combine(stateDir, SqliteCompletionStore.DefaultFileName);
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
