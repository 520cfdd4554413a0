using PromptOptimizer.Output;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking;

/// <summary>
/// The completion database: the single source of truth for what is done. Narrow on purpose
/// (claim, complete, fail, heartbeat, query) so SQLite and PostgreSQL share one contract test.
/// </summary>
internal interface ICompletionStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Call once before anything else.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The rows of the given topics in one product; topics without a row are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, TopicRecord>> GetAsync(OutputKind mode, IReadOnlyCollection<string> topicPaths, CancellationToken cancellationToken);

    /// <summary>The planner's view of the rows of one category (<c>&lt;category&gt;/...</c>) in one product, by topic path.</summary>
    Task<IReadOnlyDictionary<string, TopicState>> GetCategoryStatesAsync(OutputKind mode, string category, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a topic started by this run. Returns false, changing nothing, when it is completed with the same
    /// content hash or held by another worker's unexpired lease.
    /// </summary>
    Task<bool> ClaimAsync(TopicClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a topic completed. Returns false, changing nothing, when this run/worker no longer holds it
    /// (its lease expired and another worker claimed it).
    /// </summary>
    Task<bool> CompleteAsync(TopicCompletion completion, CancellationToken cancellationToken);

    /// <summary>Marks a topic completed without any API call: its valid output was found on disk (a crash between write and tracking).</summary>
    Task AdoptAsync(TopicCompletion completion, CancellationToken cancellationToken);

    /// <summary>
    /// Records the topic file's stamp on a row that is completed for <paramref name="contentHash"/> (a file touched
    /// without changing, or a row from before stamps were kept), so later plans need not read the file again.
    /// </summary>
    Task RestampAsync(OutputKind mode, string topicPath, string contentHash, TopicFileStamp stamp, CancellationToken cancellationToken);

    /// <summary>Marks a topic failed with its reason (only if this run/worker holds it).</summary>
    Task FailAsync(TopicFailure failure, CancellationToken cancellationToken);

    /// <summary>Returns a started topic to pending (a cancelled or released topic).</summary>
    Task ReleaseAsync(OutputKind mode, string topicPath, string runId, CancellationToken cancellationToken);

    /// <summary>Appends one API call to the attempts table.</summary>
    Task RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Extends, by <paramref name="lease"/> from now, this worker's leases on <paramref name="topicPaths"/> (the topics it
    /// still works on) and records that it is alive. Any other lease it holds is left to run out: a lease lives only
    /// while its topic does.
    /// </summary>
    Task HeartbeatAsync(string workerId, IReadOnlyCollection<string> topicPaths, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Rows matching a filter, ordered by topic path.</summary>
    Task<IReadOnlyList<TopicRecord>> QueryAsync(TopicQuery query, CancellationToken cancellationToken);

    /// <summary>The attempts recorded for one topic, oldest first.</summary>
    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken);

    /// <summary>
    /// Counts, tokens and cost per (mode, category, status), grouped by the store itself so that a status
    /// command over 100k topics never loads every row.
    /// </summary>
    Task<IReadOnlyList<StatusSummaryRow>> SummarizeAsync(CancellationToken cancellationToken);

    /// <summary>Puts topics back to pending; returns how many rows changed.</summary>
    Task<int> ResetAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken);

    /// <summary>Removes all tracking (rows and attempts).</summary>
    Task ClearAsync(CancellationToken cancellationToken);

    /// <summary>Waits until every write accepted so far is durable.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>The provider batches this store records (<c>--batch-api</c>).</summary>
    IBatchLedger Batches { get; }

    /// <summary>The work queue this store shares between workers, or null for a store of one machine (SQLite).</summary>
    IWorkQueue? WorkQueue => null;

    /// <summary>The review decisions and completion timeline kept in this store, or null for a store without them.</summary>
    IReviewStore? Reviews => null;

    /// <summary>How this store waits for its database when it goes away, or null when it does not (SQLite).</summary>
    StoreOutage? Outage => null;
}
