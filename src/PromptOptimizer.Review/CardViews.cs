using PromptOptimizer.Cards;
using PromptOptimizer.Export;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using static PromptOptimizer.Review.ReviewDocuments;

namespace PromptOptimizer.Review;

/// <summary>
/// Cards as the page shows them: both sides rendered by the engine's card code (<see cref="CardPreview"/>, the cloze
/// syntax validation and export use), one pair per card Anki makes of the note (one per cloze deletion number), with a
/// review's edits applied; cited sources with only http/https links, the quality report's findings, and the review's
/// state (stale once the topic was generated from a changed file).
/// </summary>
internal static class CardViews
{
    public static CardView Of(OutputKind mode, string topicPath, string title, string contentHash, Flashcard card,
        IReadOnlyList<SourceDocument> sources, IReadOnlyList<string> findings, CardReview? review)
    {
        var stale = review is not null && review.IsStaleFor(contentHash);
        var shown = review is not null && !stale ? ReviewedCards.Edited(card, review) : card;
        var front = CardText.IsCloze(shown.Type) ? shown.Text ?? "" : shown.Front;
        return new CardView(
            OutputKinds.NameOf(mode), topicPath, title, card.Id, card.Type, front, shown.Back,
            CardPreview.Cards(shown.Type, shown.Front, shown.Back, shown.Text).Select(Sides).ToList(),
            sources.Select(Source).ToList(), findings,
            review is null ? null : new ReviewView(CardReview.TextOf(review.Decision), stale, review.Front, review.Back));
    }

    /// <summary>Every card of a read output file, with the findings of the quality checks run over that file.</summary>
    public static List<CardView> OfTopic(OutputKind mode, ExportTopic topic, IReadOnlyList<CardReview> reviews)
    {
        var findings = QualityChecker.Check([topic]).Flagged.ToDictionary(
            q => q.Key.CardId, q => q.Findings.Select(f => QualityCheckNames.NameOf(f.Check) + ": " + f.Detail).ToList(), StringComparer.Ordinal);
        var byCard = reviews.ToDictionary(r => r.CardId, StringComparer.Ordinal);
        return topic.Cards.Select(card => Of(
            mode, topic.Topic.Path, topic.Topic.Title, topic.Topic.ContentHash, card, topic.CitedSources(card),
            findings.GetValueOrDefault(card.Id) ?? [], byCard.GetValueOrDefault(card.Id))).ToList();
    }

    public static Counts CountsOf(int cards, string contentHash, IEnumerable<CardReview> reviews)
    {
        var (accepted, rejected, stale) = (0, 0, 0);
        foreach (var review in reviews)
        {
            if (review.IsStaleFor(contentHash))
            {
                stale++;
            }
            else if (review.Decision == ReviewDecision.Accepted)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        return new Counts(cards, accepted + rejected, accepted, rejected, stale);
    }

    public static Counts Sum(IEnumerable<Counts> counts) => counts.Aggregate(
        new Counts(0, 0, 0, 0, 0), (a, b) => new Counts(a.Cards + b.Cards, a.Reviewed + b.Reviewed, a.Accepted + b.Accepted, a.Rejected + b.Rejected, a.Stale + b.Stale));

    private static CardSides Sides(PreviewCard card) =>
        new(card.ClozeNumber > 0 ? "c" + card.ClozeNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, card.FrontHtml, card.BackHtml);

    /// <summary>A source with its link only when it is an absolute http or https address (no <c>javascript:</c>, <c>data:</c> or files).</summary>
    public static SourceView Source(SourceDocument source) =>
        new(source.Id, source.Title, SafeUrl(source.Url), source.Url, source.Excerpt);

    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;
}
