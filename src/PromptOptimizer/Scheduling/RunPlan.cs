using PromptOptimizer.Topics;

namespace PromptOptimizer.Scheduling;

/// <summary>What a run will do, decided before it spends anything.</summary>
/// <param name="ToProcess">Topic paths that need work, in order (broken files included: they fail without a call).</param>
/// <param name="Skipped">Selected topics already completed and unchanged.</param>
/// <param name="Adopted">Topics whose valid output was found on disk and marked completed without a call.</param>
/// <param name="Stale">Completed topics whose file changed since: they are in <paramref name="ToProcess"/>.</param>
/// <param name="Invalid">Broken topic files found while planning.</param>
internal sealed record RunPlan(
    IReadOnlyList<string> ToProcess,
    int Skipped,
    int Adopted,
    int Stale,
    IReadOnlyList<TopicLoadResult> Invalid)
{
    public int Total => ToProcess.Count + Skipped + Adopted;
}
