namespace PromptOptimizer.Scheduling;

/// <summary>What one worker did before it stopped.</summary>
/// <param name="Claimed">Topics taken from the queue.</param>
/// <param name="Skipped">Topics whose completion was refused: the lease ran out and another worker took them over.</param>
/// <param name="Released">Topics given back to pending (interrupted before or while running).</param>
/// <param name="Interrupted">True when the worker was stopped (Ctrl+C) rather than finding the queue drained.</param>
/// <param name="StopMessage">Why the worker stopped on its own (an account-level provider error), or null.</param>
internal sealed record WorkerSummary(
    int Claimed, int Completed, int Failed, int Skipped, int Released, decimal CostUsd, TimeSpan Elapsed, bool Interrupted, string? StopMessage = null);
