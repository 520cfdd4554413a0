using PromptOptimizer.Providers;

namespace PromptOptimizer.Batching;

/// <summary>How a batch ended: its answers by <c>custom_id</c>, or the error that kept them from being read.</summary>
internal sealed record BatchOutcome(string Status, IReadOnlyDictionary<string, BatchResultItem> Items, ProviderError? Error)
{
    /// <summary>The answer for one request; a request the batch did not answer gets a transient error, so it goes into a later batch.</summary>
    public BatchResultItem ItemFor(string customId) =>
        Items.TryGetValue(customId, out var item) ? item
        : new BatchResultItem(customId, null, Error ?? new ProviderError(OpenRouterClient.ProviderName, ErrorKind.Transient,
            $"the batch ended {Status} without an answer for this request", null, IsTransient: true, StopsRun: false));
}
