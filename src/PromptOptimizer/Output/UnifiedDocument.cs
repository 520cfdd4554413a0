namespace PromptOptimizer.Output;

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
