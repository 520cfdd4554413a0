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
