namespace PromptOptimizer.Cards;

/// <summary>
/// A card's sides as HTML, the way Anki's stock note types show them: Basic's back repeats the front above a rule; a
/// cloze note makes one card per deletion number, and card N hides only the deletions numbered N as <c>[...]</c> (or
/// their hint) while the others read as plain text, its back marking the answers of N. Card text is plain text,
/// escaped by <see cref="CardHtml.FromPlainText"/> exactly as export writes it into Anki's fields, so markup a model
/// wrote shows as text; the only tags are the ones added here.
/// </summary>
internal static class CardPreview
{
    /// <summary>
    /// The cards one note makes: one for a Basic note; for a cloze note one per deletion number (<see cref="ClozeSyntax.CardNumbers"/>),
    /// or, when the text has no valid deletion, one showing the text as it is.
    /// </summary>
    public static IReadOnlyList<PreviewCard> Cards(string? type, string front, string back, string? clozeText)
    {
        if (!CardText.IsCloze(type))
        {
            return [new PreviewCard(0, Front(type, front, clozeText, 0), Back(type, front, back, clozeText, 0))];
        }

        var numbers = ClozeSyntax.CardNumbers(clozeText);
        return numbers.Count == 0
            ? [new PreviewCard(0, Front(type, front, clozeText, 0), Back(type, front, back, clozeText, 0))]
            : numbers.Select(n => new PreviewCard(n, Front(type, front, clozeText, n), Back(type, front, back, clozeText, n))).ToList();
    }

    /// <summary>The question side; for cloze, of the card that asks for deletion <paramref name="clozeNumber"/>.</summary>
    public static string Front(string? type, string front, string? clozeText, int clozeNumber) =>
        CardText.IsCloze(type)
            ? ClozeSyntax.Render(clozeText, CardHtml.FromPlainText, d => d.Number == clozeNumber
                ? "<span class=\"cloze\">[" + CardHtml.Escape(d.Hint ?? "...") + "]</span>"
                : CardHtml.FromPlainText(d.Answer))
            : CardHtml.FromPlainText(front ?? "");

    /// <summary>The answer side; for cloze, of the card that asks for deletion <paramref name="clozeNumber"/>, its answers marked.</summary>
    public static string Back(string? type, string front, string back, string? clozeText, int clozeNumber)
    {
        if (CardText.IsCloze(type))
        {
            var revealed = ClozeSyntax.Render(clozeText, CardHtml.FromPlainText, d => d.Number == clozeNumber
                ? "<span class=\"cloze\">" + CardHtml.FromPlainText(d.Answer) + "</span>"
                : CardHtml.FromPlainText(d.Answer));
            return string.IsNullOrWhiteSpace(back) ? revealed : revealed + "<br>" + CardHtml.FromPlainText(back);
        }

        return CardHtml.FromPlainText(front ?? "") + "<hr id=\"answer\">" + CardHtml.FromPlainText(back ?? "");
    }
}
