namespace PromptOptimizer.Tracking;

/// <summary>A batch about to be submitted: its label (also sent in the batch's metadata), model and request names.</summary>
/// <param name="EstimatedCostUsd">What the batch is expected to cost at the batch price.</param>
internal sealed record BatchIntent(string Label, string Model, IReadOnlyList<string> CustomIds, decimal EstimatedCostUsd, DateTimeOffset At);
