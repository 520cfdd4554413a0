using System.Threading.RateLimiting;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>
/// The shared work queue for many workers on many machines: a completion store that also holds the topics' contents.
/// Enqueue them once, then each worker claims batches under a lease, heartbeats (<see cref="ICompletionStore.HeartbeatAsync"/>)
/// and completes or fails them through <see cref="ICompletionStore"/>. Failed topics are not retried by workers;
/// enqueue again to retry them. A store offers one through <see cref="ICompletionStore.WorkQueue"/>.
/// </summary>
internal interface IWorkQueue : ICompletionStore
{
    /// <summary>Where the queue lives, without any password, for messages.</summary>
    string Description { get; }

    /// <summary>A rate limiter shared by every process that uses this queue with the same <see cref="SharedRateLimiterOptions.Name"/>.</summary>
    RateLimiter CreateRateLimiter(SharedRateLimiterOptions options);

    /// <summary>Stores the topics' content and makes new, changed and failed ones pending; idempotent.</summary>
    Task<EnqueueResult> EnqueueAsync(RunVariant variant, IReadOnlyList<QueuedTopic> topics, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending topics (or started ones whose lease ran out) of one product, or of
    /// any when <paramref name="mode"/> is null, leasing them to this worker and run for <paramref name="lease"/>.
    /// Concurrent callers never get the same topic. Returns an empty list when nothing is claimable.
    /// </summary>
    Task<IReadOnlyList<ClaimedTopic>> ClaimBatchAsync(OutputKind? mode, string workerId, string runId, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Returns every topic this worker holds to pending (an interrupted worker); returns how many.</summary>
    Task<int> ReleaseAllAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Records a worker (or refreshes it when the id is already known) so that <c>workers</c> lists it.</summary>
    Task RegisterWorkerAsync(string workerId, string host, int processId, CancellationToken cancellationToken);

    /// <summary>Every registered worker with live counts, ordered by id.</summary>
    Task<IReadOnlyList<WorkerStatus>> ListWorkersAsync(CancellationToken cancellationToken);

    /// <summary>Streams the completed topics that have a stored result, ordered by path, without loading them all.</summary>
    IAsyncEnumerable<MaterializedResult> GetResultsAsync(OutputKind? mode, CancellationToken cancellationToken);
}
