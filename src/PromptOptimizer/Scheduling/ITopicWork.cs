using PromptOptimizer.Topics;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// One topic's work as the schedulers see it (<see cref="BatchEngine"/>, <see cref="WorkerLoop"/>): what happens
/// inside is <see cref="TopicRunner"/>'s business, so the scheduling can be tested with a fake on fake time.
/// </summary>
internal interface ITopicWork
{
    /// <summary>Raised with the cost of every provider attempt as it happens, from any topic (live spend for the budget stop).</summary>
    event Action<decimal>? CostIncurred;

    /// <summary>
    /// Runs one topic to an outcome; never throws for the topic's own failures. <paramref name="abort"/> cancels it in
    /// flight, which ends as <see cref="OutcomeStatus.Cancelled"/> and goes back to pending.
    /// </summary>
    Task<(TopicOutcome Outcome, TopicError? Error)> RunAsync(string topicPath, int batch, RunOptions options, CancellationToken abort);
}
