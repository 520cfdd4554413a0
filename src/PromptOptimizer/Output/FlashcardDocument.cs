namespace PromptOptimizer.Output;

/// <summary>The file <c>&lt;output-dir&gt;/flashcards/&lt;category&gt;/&lt;name&gt;.json</c>.</summary>
/// <param name="Mode">Always <c>flashcards</c>.</param>
/// <param name="Research"><c>exa</c> or <c>web-plugin</c>.</param>
internal sealed record FlashcardDocument(
    TopicReference Topic,
    string Mode,
    string Research,
    string Model,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<SourceDocument> Sources,
    IReadOnlyList<Flashcard> Cards,
    UsageSummary Usage,
    int Attempts);
