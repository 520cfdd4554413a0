using PromptOptimizer.Tracking;

namespace PromptOptimizer.Review;

/// <summary>Runs the review page in the foreground for <c>prompt-optimizer serve</c>.</summary>
internal static class ReviewHost
{
    /// <summary>Starts the server, prints <c>Review page: URL</c> (and a warning when it is reachable from other machines), and serves until cancelled.</summary>
    public static async Task RunAsync(ReviewOptions options, ICompletionStore store, TimeProvider time, TextWriter log, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(error);
        if (!options.IsLoopback)
        {
            await error.WriteLineAsync($"Warning: --host {options.Host} makes the review page reachable from other machines; anyone with the address and its token can read and review every card.").ConfigureAwait(false);
        }

        var server = await ReviewServer.StartAsync(options, store, time, cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            await log.WriteLineAsync("Review page: " + server.LoginUri).ConfigureAwait(false);
            await log.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is the normal way to stop.
            }
        }

        await log.WriteLineAsync("Review page stopped.").ConfigureAwait(false);
    }
}
