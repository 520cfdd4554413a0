using PromptOptimizer.Output;

namespace PromptOptimizer.Generation;

/// <summary>Accepted cards and the sources they cite.</summary>
internal sealed record FlashcardSet(IReadOnlyList<Flashcard> Cards, IReadOnlyList<SourceDocument> Sources, int Repairs);
