using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>What the planner needs to know about one category before deciding its topics: read once, in bulk.</summary>
/// <param name="OutputDirectory">The category's folder in the product's output tree.</param>
/// <param name="Rows">This product's tracking rows of the category, by topic path.</param>
/// <param name="Outputs">The names of the files in <paramref name="OutputDirectory"/> (temp files excluded).</param>
internal sealed record CategorySnapshot(
    string OutputDirectory,
    IReadOnlyDictionary<string, TopicState> Rows,
    IReadOnlySet<string> Outputs);
