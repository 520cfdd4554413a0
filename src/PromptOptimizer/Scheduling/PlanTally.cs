using PromptOptimizer.Topics;

namespace PromptOptimizer.Scheduling;

/// <summary>The counts and lists of a plan while it is being made; <see cref="LimitReached"/> once --limit topics are queued.</summary>
internal sealed class PlanTally(int? limit)
{
    public List<string> ToProcess { get; } = [];

    public List<TopicLoadResult> Invalid { get; } = [];

    public int Skipped { get; set; }

    public int Adopted { get; set; }

    public int Stale { get; set; }

    public bool LimitReached => limit is { } max && ToProcess.Count >= max;

    public RunPlan ToPlan() => new(ToProcess, Skipped, Adopted, Stale, Invalid);
}
