namespace PromptOptimizer.Tracking;

/// <summary>Where a (topic, product) pair stands. Stored as lower-case text.</summary>
internal enum TopicStatus
{
    Pending,
    Started,
    Completed,
    Failed,
}
