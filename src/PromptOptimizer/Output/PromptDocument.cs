namespace PromptOptimizer.Output;

/// <summary>Rubric scores from 1 to 10 for one version of a system prompt.</summary>
internal sealed record RubricScores(int Grounding, int Coverage, int Clarity, int Safety, int Format);

/// <summary>One draft or revision and how the critic scored it.</summary>
internal sealed record PromptRound(int Round, string SystemPrompt, double Score, RubricScores Scores, IReadOnlyList<string> Weaknesses);

/// <summary>The optimized prompt part shared by prompts and unified outputs.</summary>
/// <param name="Score">The weighted score of the kept (best) version.</param>
internal sealed record PromptResult(string SystemPrompt, double Score, int Rounds, IReadOnlyList<PromptRound> RoundScores);

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

/// <summary>The file <c>&lt;output-dir&gt;/unified/&lt;category&gt;/&lt;name&gt;.json</c>: both products from one research step.</summary>
internal sealed record UnifiedDocument(
    TopicReference Topic,
    string Mode,
    string Research,
    string Model,
    string CriticModel,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<SourceDocument> Sources,
    PromptResult Prompt,
    IReadOnlyList<Flashcard> Cards,
    UsageSummary Usage,
    int Attempts);
