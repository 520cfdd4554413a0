using System.Collections.Concurrent;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Batching;

/// <summary>
/// An in-memory Batch API. Every submission is kept; a batch finishes on its first status read unless
/// <see cref="HoldBatches"/> is set (then <see cref="Finish"/> ends it). Each request is answered by <see cref="Answer"/>
/// (by default a completion naming its custom_id, at a reported cost); errors to return from calls can be queued or set.
/// </summary>
internal sealed class FakeBatchApi(TimeProvider time) : IBatchApi
{
    private readonly ConcurrentDictionary<string, (BatchSubmission Submission, string Status)> _batches = new();
    private readonly ConcurrentQueue<ProviderError> _submitErrors = new();
    private int _next;

    public List<BatchSubmission> Submitted { get; } = [];

    public bool HoldBatches { get; set; }

    /// <summary>Accepts a submission but reports failure, as a crash right after the provider accepted it would look.</summary>
    public bool LoseNextAcceptance { get; set; }

    public Func<BatchRequestItem, BatchResultItem> Answer { get; set; } = item =>
        new BatchResultItem(item.CustomId, new ChatCompletion("gen-" + item.CustomId, item.Request.Model, "ok:" + item.CustomId, "stop", null, null, [], 1000, 500, 0.001m), null);

    public int Submissions
    {
        get
        {
            lock (Submitted)
            {
                return Submitted.Count;
            }
        }
    }

    public IReadOnlyList<string> SubmittedIds()
    {
        lock (Submitted)
        {
            return Submitted.SelectMany(s => s.Requests.Select(r => r.CustomId)).ToList();
        }
    }

    public void FailNextSubmit(ProviderError error) => _submitErrors.Enqueue(error);

    /// <summary>When set, every list of batches fails with this error.</summary>
    public ProviderError? ListError { get; set; }

    public void Finish(string batchId, string status = "completed") => _batches[batchId] = (_batches[batchId].Submission, status);

    public Task<ProviderAnswer<BatchStatus>> SubmitAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        if (_submitErrors.TryDequeue(out var error))
        {
            return Task.FromResult(ProviderAnswer<BatchStatus>.Failed(error));
        }

        var id = "batch_" + Interlocked.Increment(ref _next);
        lock (Submitted)
        {
            Submitted.Add(submission);
        }

        _batches[id] = (submission, "validating");
        if (LoseNextAcceptance)
        {
            LoseNextAcceptance = false;
            return Task.FromResult(ProviderAnswer<BatchStatus>.Failed(new ProviderError("openrouter", ErrorKind.Timeout, "connection dropped", null, true, false)));
        }

        return Task.FromResult(ProviderAnswer<BatchStatus>.Ok(StatusOf(id), null));
    }

    public Task<ProviderAnswer<BatchStatus>> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        if (!HoldBatches && _batches[batchId].Status == "validating")
        {
            Finish(batchId);
        }

        return Task.FromResult(ProviderAnswer<BatchStatus>.Ok(StatusOf(batchId), null));
    }

    public Task<ProviderAnswer<BatchList>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ListError is { } error ? ProviderAnswer<BatchList>.Failed(error) : ProviderAnswer<BatchList>.Ok(new BatchList(_batches.Keys.Select(StatusOf).ToList()), null));

    public Task<ProviderAnswer<BatchResults>> ResultsAsync(string batchId, CancellationToken cancellationToken)
    {
        var (submission, status) = _batches[batchId];
        var items = status == "completed" ? submission.Requests.Select(Answer).ToList() : [];
        return Task.FromResult(ProviderAnswer<BatchResults>.Ok(new BatchResults(items), null));
    }

    public Task<ProviderAnswer<BatchStatus>> CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        Finish(batchId, "cancelled");
        return Task.FromResult(ProviderAnswer<BatchStatus>.Ok(StatusOf(batchId), null));
    }

    private BatchStatus StatusOf(string id)
    {
        var (submission, status) = _batches[id];
        var done = status == "completed" ? submission.Requests.Count : 0;
        return new BatchStatus(id, status, submission.Model, submission.Requests.Count, done, 0, time.GetUtcNow(), submission.Metadata);
    }
}
