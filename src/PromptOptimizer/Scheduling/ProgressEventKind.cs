namespace PromptOptimizer.Scheduling;

/// <summary>The kinds of <see cref="ProgressEvent"/>.</summary>
internal enum ProgressEventKind
{
    BatchStarted,
    Waiting,
    Cooldown,
    TopicFinished,
    ProviderBatches,
}
