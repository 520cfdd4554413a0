namespace PromptOptimizer.Export;

/// <summary>A card as the duplicate detector sees it.</summary>
/// <param name="Label">How findings name this card (<c>file#card-id</c>).</param>
/// <param name="Prompt">The question, or the cloze text with answers revealed.</param>
internal sealed record DuplicateCandidate(string Category, string Label, string Prompt, string Back);
