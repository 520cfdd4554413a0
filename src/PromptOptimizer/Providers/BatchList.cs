namespace PromptOptimizer.Providers;

/// <summary>A page of batches, newest first.</summary>
internal sealed record BatchList(IReadOnlyList<BatchStatus> Batches);
