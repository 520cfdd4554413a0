namespace PromptOptimizer.Scheduling;

/// <summary>How a dispatched topic ended.</summary>
internal enum OutcomeStatus
{
    Completed,
    Failed,

    /// <summary>Someone else completed it first (another worker), so nothing was bought.</summary>
    Skipped,

    /// <summary>Interrupted in flight; the topic went back to pending.</summary>
    Cancelled,
}
