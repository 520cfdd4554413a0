namespace PromptOptimizer.Cards;

/// <summary>One card as Anki shows it: the two sides as HTML built from escaped text by <see cref="CardPreview"/>.</summary>
/// <param name="ClozeNumber">The deletion this card asks for (<c>c1</c> is 1); 0 for a card that is not cloze.</param>
internal sealed record PreviewCard(int ClozeNumber, string FrontHtml, string BackHtml);
