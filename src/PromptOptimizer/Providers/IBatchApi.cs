namespace PromptOptimizer.Providers;

/// <summary>
/// A provider's Batch API at the wire level: submit many chat requests of one model at once, poll the batch, read its
/// answers. Errors come back as data, as from the synchronous client; retries and coalescing live above this seam.
/// </summary>
internal interface IBatchApi
{
    /// <summary>Submits one batch; the answer is the batch as the provider accepted it (usually still validating).</summary>
    Task<ProviderAnswer<BatchStatus>> SubmitAsync(BatchSubmission submission, CancellationToken cancellationToken);

    /// <summary>The batch's current status and counts.</summary>
    Task<ProviderAnswer<BatchStatus>> GetAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Recent batches, newest first, so a run can find a batch it submitted but never recorded (by its metadata label).</summary>
    Task<ProviderAnswer<BatchList>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The per-request answers of a finished batch (completed, or partially: expired, cancelled, failed).</summary>
    Task<ProviderAnswer<BatchResults>> ResultsAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Asks the provider to cancel a batch that is still running.</summary>
    Task<ProviderAnswer<BatchStatus>> CancelAsync(string batchId, CancellationToken cancellationToken);
}
