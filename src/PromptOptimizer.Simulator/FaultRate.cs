namespace PromptOptimizer.Simulator;

/// <summary>One entry of a <see cref="FaultSpec"/>: the kind and its per-request probability.</summary>
internal sealed record FaultRate(string Kind, double Rate);
