namespace PromptOptimizer.Output;

/// <summary>One card as written to an output file.</summary>
/// <param name="Type"><c>basic</c> or <c>cloze</c>.</param>
/// <param name="Text">The cloze text (<c>{{c1::...}}</c>); null for basic cards.</param>
internal sealed record Flashcard(
    string Id,
    string Type,
    string Front,
    string Back,
    string? Text,
    IReadOnlyList<string> Tags,
    string Difficulty,
    IReadOnlyList<string> SourceIds);

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
