using PromptOptimizer.Output;

namespace PromptOptimizer.Review;

/// <summary>A card found by a search of the card index, with its topic's title and content hash (which its review's staleness is judged by).</summary>
internal sealed record IndexedCard(OutputKind Mode, string TopicPath, string Title, string ContentHash, Flashcard Card);
