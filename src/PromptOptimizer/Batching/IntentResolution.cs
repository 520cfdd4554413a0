using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Batching;

/// <summary>
/// What became of a batch an earlier run recorded without the provider's id: the provider lists it (<see cref="Batch"/>,
/// now with its id), or it does not (both null: the provider never accepted it and its requests are free again), or
/// the provider's list could not be read (<see cref="Stop"/>: the run stops rather than risk paying twice).
/// </summary>
internal sealed record IntentResolution(RecordedBatch? Batch, ProviderError? Stop)
{
    public static IntentResolution NotAccepted { get; } = new(null, null);
}
