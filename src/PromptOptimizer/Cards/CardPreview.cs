namespace PromptOptimizer.Cards;

/// <summary>
/// A card's two sides as HTML, the way Anki's stock note types show them: Basic's back repeats the front above a rule,
/// a cloze front hides every deletion as <c>[...]</c> (or its hint) and the back shows the answers marked. Card text is
/// plain text, escaped by <see cref="CardHtml.FromPlainText"/> exactly as export writes it into Anki's fields, so markup a
/// model wrote shows as text; the only tags are the ones added here.
/// </summary>
internal static class CardPreview
{
    public static string Front(string? type, string front, string? clozeText) =>
        CardText.IsCloze(type)
            ? ClozeSyntax.Render(clozeText, CardHtml.FromPlainText, d => "<span class=\"cloze\">[" + CardHtml.Escape(d.Hint ?? "...") + "]</span>")
            : CardHtml.FromPlainText(front ?? "");

    public static string Back(string? type, string front, string back, string? clozeText)
    {
        if (CardText.IsCloze(type))
        {
            var revealed = ClozeSyntax.Render(clozeText, CardHtml.FromPlainText, d => "<span class=\"cloze\">" + CardHtml.FromPlainText(d.Answer) + "</span>");
            return string.IsNullOrWhiteSpace(back) ? revealed : revealed + "<br>" + CardHtml.FromPlainText(back);
        }

        return CardHtml.FromPlainText(front ?? "") + "<hr id=\"answer\">" + CardHtml.FromPlainText(back ?? "");
    }
}
