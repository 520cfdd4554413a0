using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>The planner's decision for one topic, made without writing anything; the writes it implies come after, in order.</summary>
/// <param name="Path">The topic path.</param>
/// <param name="Kind">The decision.</param>
/// <param name="Broken">For <see cref="TopicVerdictKind.Invalid"/>: the load result naming the problem.</param>
/// <param name="Adoption">For <see cref="TopicVerdictKind.Adopt"/>: the completion to record.</param>
/// <param name="Restamp">For <see cref="TopicVerdictKind.Skip"/>: a settled stamp to record with <paramref name="ContentHash"/>, when the row lacks it.</param>
/// <param name="ContentHash">The hash the file was found to have, when it was read.</param>
internal readonly record struct TopicVerdict(
    string Path,
    TopicVerdictKind Kind,
    TopicLoadResult? Broken = null,
    TopicCompletion? Adoption = null,
    TopicFileStamp? Restamp = null,
    string? ContentHash = null);
