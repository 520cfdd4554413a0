using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>The text forms stores keep for statuses (lower-case) and the parse of a stored mode (written as <see cref="OutputKinds.NameOf"/>), shared by every store.</summary>
internal static class TrackingText
{
    public static string Of(TopicStatus status) => status switch
    {
        TopicStatus.Pending => "pending",
        TopicStatus.Started => "started",
        TopicStatus.Completed => "completed",
        TopicStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown topic status."),
    };

    public static OutputKind ParseMode(string text) =>
        OutputKinds.TryParse(text, out var mode) ? mode : throw new FormatException($"Unknown mode '{text}' in the completion database.");

    public static TopicStatus ParseStatus(string text) => text switch
    {
        "pending" => TopicStatus.Pending,
        "started" => TopicStatus.Started,
        "completed" => TopicStatus.Completed,
        "failed" => TopicStatus.Failed,
        _ => throw new FormatException($"Unknown status '{text}' in the completion database."),
    };

    /// <summary>The category of a topic path: the part before the first '/', or empty when there is none.</summary>
    public static string CategoryOf(string topicPath)
    {
        ArgumentNullException.ThrowIfNull(topicPath);
        var slash = topicPath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : topicPath[..slash];
    }
}
