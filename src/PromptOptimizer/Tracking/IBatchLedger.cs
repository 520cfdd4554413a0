namespace PromptOptimizer.Tracking;

/// <summary>
/// The store's record of provider batches, so that no request is paid for twice. The intent to submit (a label and
/// the request names, <c>custom_id</c>s) is recorded before the batch is sent, and the provider's batch id once it is
/// known; a later run finds any request it is about to ask for here and reads its answer from that batch instead.
/// A <c>custom_id</c> belongs to one batch only: two workers never both submit it.
/// </summary>
internal interface IBatchLedger
{
    /// <summary>
    /// Records the intent to submit <paramref name="intent"/>. Returns the <c>custom_id</c>s that another batch already
    /// holds; they are not recorded under this one and must not be submitted with it.
    /// </summary>
    Task<IReadOnlyList<string>> RecordIntentAsync(BatchIntent intent, CancellationToken cancellationToken);

    /// <summary>Records the id the provider gave the batch labelled <paramref name="label"/>, with its status.</summary>
    Task RecordSubmittedAsync(string label, string batchId, string status, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a batch's latest status and counts (<see cref="RecordedBatch.Collected"/> once its answers were read).</summary>
    Task UpdateBatchAsync(string label, string status, int completed, int failed, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives up an intent the provider never accepted: its <c>custom_id</c>s become free to submit again.</summary>
    Task AbandonBatchAsync(string label, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The batch that holds each of these <c>custom_id</c>s; ids in no batch are absent.</summary>
    Task<IReadOnlyDictionary<string, RecordedBatch>> FindBatchesAsync(IReadOnlyCollection<string> customIds, CancellationToken cancellationToken);

    /// <summary>Batches not yet collected (intents without an id included), oldest first.</summary>
    Task<IReadOnlyList<RecordedBatch>> OutstandingBatchesAsync(CancellationToken cancellationToken);
}
