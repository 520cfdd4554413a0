using PromptOptimizer.Output;

namespace PromptOptimizer.Review;

/// <summary>One topic's output as the card index knows it.</summary>
/// <param name="FilePath">Relative to the output directory (<c>flashcards/cat/name.json</c>); only files found there are indexed.</param>
/// <param name="ContentHash">The topic's content hash the output was made from; reviews made for another hash are stale.</param>
/// <param name="Problem">Why the output could not be read, or null.</param>
/// <param name="Stored">The output is a result the store kept (no file at <paramref name="FilePath"/>); the index holds the document.</param>
internal sealed record IndexedTopic(OutputKind Mode, string TopicPath, string Category, string FileName, string FilePath, string Title, string ContentHash, int Cards, string? Problem, bool Stored = false);
