using PromptOptimizer.Topics;

namespace PromptOptimizer.Tracking;

/// <summary>The part of a tracking row a run's planner reads: enough to skip, redo or adopt, and cheap to read in bulk.</summary>
/// <param name="TopicPath">The topic path.</param>
/// <param name="Status">The row's status.</param>
/// <param name="ContentHash">The hash of the topic version the row is about.</param>
/// <param name="Stamp">The topic file's stamp recorded with a completion; null when unknown.</param>
internal sealed record TopicState(string TopicPath, TopicStatus Status, string? ContentHash, TopicFileStamp? Stamp);
