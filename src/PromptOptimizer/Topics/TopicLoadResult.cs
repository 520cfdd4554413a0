namespace PromptOptimizer.Topics;

/// <summary>What reading one topic file produced: a topic, or an error that names the file and the problem.</summary>
internal sealed record TopicLoadResult(string Path, TopicDefinition? Topic, string? Error)
{
    public bool IsValid => Topic is not null;

    public static TopicLoadResult Ok(TopicDefinition topic) => new(topic.Path, topic, null);

    public static TopicLoadResult Invalid(string path, string error) => new(path, null, error);
}
