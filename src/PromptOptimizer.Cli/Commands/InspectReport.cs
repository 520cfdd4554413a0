namespace PromptOptimizer.Cli.Commands;

/// <summary><c>inspect --json</c>.</summary>
internal sealed record InspectReport(string Topic, IReadOnlyList<InspectRecord> Records, IReadOnlyList<InspectAttempt> Attempts);
