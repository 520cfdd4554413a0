namespace PromptOptimizer.Output;

/// <summary>The file <c>&lt;output-dir&gt;/prompts/&lt;category&gt;/&lt;name&gt;.json</c>.</summary>
internal sealed record PromptDocument(
    TopicReference Topic,
    string Mode,
    string Research,
    string Model,
    string CriticModel,
    DateTimeOffset GeneratedAt,
    string SystemPrompt,
    double Score,
    int Rounds,
    IReadOnlyList<PromptRound> RoundScores,
    IReadOnlyList<SourceDocument> Sources,
    UsageSummary Usage,
    int Attempts);
