using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Export;

/// <summary>
/// What review left for <c>export --reviewed accepted</c>: only cards accepted on the review page, with their edits
/// applied. A card without a decision, a rejected card and a card whose review is stale (its topic was generated
/// again from a changed file since) are left out and counted.
/// </summary>
internal sealed class ReviewedCards
{
    private readonly Dictionary<(string TopicPath, string CardId), CardReview> _reviews = [];

    public ReviewedCards(IEnumerable<CardReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        foreach (var review in reviews)
        {
            _reviews[(review.TopicPath, review.CardId)] = review;
        }
    }

    /// <summary>The decisions of one product, read from the store's reviews (none when the store keeps no reviews).</summary>
    public static async Task<ReviewedCards> LoadAsync(ICompletionStore store, OutputKind mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ReviewedCards(store.Reviews is { } reviews ? await reviews.GetReviewsAsync(mode, null, cancellationToken).ConfigureAwait(false) : []);
    }

    /// <summary>The topic's accepted cards with edits applied, and how many of its cards review left out.</summary>
    public (ExportTopic Topic, int LeftOut) Apply(ExportTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var kept = new List<Flashcard>(topic.Cards.Count);
        foreach (var card in topic.Cards)
        {
            if (_reviews.TryGetValue((topic.Topic.Path, card.Id), out var review)
                && review.Decision == ReviewDecision.Accepted && !review.IsStaleFor(topic.Topic.ContentHash))
            {
                kept.Add(Edited(card, review));
            }
        }

        return (topic with { Cards = kept }, topic.Cards.Count - kept.Count);
    }

    /// <summary>A card with a review's edits: the edited front is a cloze card's text, as the review page shows it.</summary>
    public static Flashcard Edited(Flashcard card, CardReview review)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(review);
        var cloze = Cards.CardText.IsCloze(card.Type);
        return card with
        {
            Front = !cloze && review.Front is { } front ? front : card.Front,
            Text = cloze && review.Front is { } text ? text : card.Text,
            Back = review.Back ?? card.Back,
        };
    }
}
