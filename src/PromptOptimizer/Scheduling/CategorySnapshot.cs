using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>What the planner needs to know about one category before deciding its topics: read once, in bulk.</summary>
/// <param name="Paths">The category's topic paths in order.</param>
/// <param name="Rows">This product's tracking rows of the category by topic path.</param>
/// <param name="Outputs">The finished output files of the category (file name to length).</param>
internal sealed record CategorySnapshot(
    IReadOnlyList<string> Paths,
    IReadOnlyDictionary<string, TopicState> Rows,
    IReadOnlyDictionary<string, long> Outputs);
