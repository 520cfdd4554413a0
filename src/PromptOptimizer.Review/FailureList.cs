using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using static PromptOptimizer.Review.ReviewDocuments;

namespace PromptOptimizer.Review;

/// <summary>The failures page: failed topics with their kind, message and attempts, and the retry that puts one back to pending exactly as <c>completion-reset</c> does (<see cref="ICompletionStore.ResetAsync"/>).</summary>
internal sealed class FailureList(ICompletionStore store)
{
    /// <summary>At most this many failed topics are listed, by topic path.</summary>
    public const int Limit = 1000;

    public async Task<Failures> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await store.QueryAsync(new TopicQuery(Status: TopicStatus.Failed, Limit: Limit), cancellationToken).ConfigureAwait(false);
        return new Failures(rows.Select(r => new FailureRow(OutputKinds.NameOf(r.Mode), r.TopicPath, r.ErrorKind, r.LastError, r.Attempts, r.CompletedAt ?? r.StartedAt)).ToList());
    }

    public async Task<RetryResult?> RetryAsync(Retry retry, CancellationToken cancellationToken)
    {
        if (!OutputKinds.TryParse(retry.Mode, out var mode) || string.IsNullOrEmpty(retry.Topic))
        {
            return null;
        }

        var changed = await store.ResetAsync(mode, retry.Topic, cancellationToken).ConfigureAwait(false);
        await store.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new RetryResult(changed);
    }
}
