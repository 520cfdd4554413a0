using PromptOptimizer.Output;

namespace PromptOptimizer.Review;

/// <summary>A card found by a search of the card index.</summary>
internal sealed record IndexedCard(OutputKind Mode, string TopicPath, string Title, Flashcard Card);
