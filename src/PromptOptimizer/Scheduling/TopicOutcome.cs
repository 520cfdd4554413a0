using PromptOptimizer.Output;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Scheduling;

/// <summary>A finished topic, as data: status, error kind and whether it is worth retrying later.</summary>
internal sealed record TopicOutcome(
    string TopicPath,
    int Batch,
    OutcomeStatus Status,
    ErrorKind Kind,
    bool IsTransient,
    string? Message,
    UsageSummary Usage,
    int Calls,
    string? OutputPath,
    TimeSpan Duration);
