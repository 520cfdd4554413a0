namespace PromptOptimizer.Batching;

/// <summary>A snapshot of a run's provider batches, for progress lines and the summary.</summary>
/// <param name="Submitted">Batches this run submitted.</param>
/// <param name="InProgress">Batches (submitted now or found from an earlier run) the provider has not finished.</param>
/// <param name="Done">Batches finished and read.</param>
/// <param name="Answered">Requests answered (successfully or with an error) from batches.</param>
/// <param name="CostUsd">What the answered requests cost at the batch price.</param>
/// <param name="SynchronousCostUsd">What the same requests would have cost synchronously.</param>
/// <param name="RequestsInBatches">Requests in the batches still in progress, waiting for the provider.</param>
/// <param name="RequestsWaiting">Requests waiting to be put into a batch.</param>
internal sealed record BatchProgress(
    int Submitted, int InProgress, int Done, long Answered, decimal CostUsd, decimal SynchronousCostUsd, int RequestsInBatches = 0, int RequestsWaiting = 0)
{
    public decimal SavedUsd => SynchronousCostUsd - CostUsd;

    /// <summary>The saving as a percentage of the synchronous price; 0 before any answer.</summary>
    public double SavedPercent => SynchronousCostUsd <= 0 ? 0 : (double)(SavedUsd / SynchronousCostUsd * 100m);
}
