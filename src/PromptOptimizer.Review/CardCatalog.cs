using PromptOptimizer.Export;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using static PromptOptimizer.Review.ReviewDocuments;

namespace PromptOptimizer.Review;

/// <summary>The cards page's reads and the review decisions: the card index for what exists, the output file for a topic's cards, the store for reviews.</summary>
internal sealed class CardCatalog
{
    private readonly CardIndex _index;
    private readonly IReviewStore _reviews;
    private readonly ICompletionStore _store;
    private readonly TimeProvider _time;

    public CardCatalog(CardIndex index, ICompletionStore store, TimeProvider time)
    {
        _index = index;
        _store = store;
        _reviews = store.Reviews ?? throw new ArgumentException("The completion store keeps no reviews.", nameof(store));
        _time = time;
    }

    /// <summary>The mode asked for, else flashcards when indexed, else the first indexed product with cards.</summary>
    public async Task<(OutputKind Mode, IReadOnlyList<OutputKind> Modes)> ModeAsync(string? asked, CancellationToken cancellationToken)
    {
        var modes = (await _index.ModesAsync(cancellationToken).ConfigureAwait(false)).Where(m => m != OutputKind.Prompts).ToList();
        var mode = OutputKinds.TryParse(asked, out var m) ? m : modes.Contains(OutputKind.Flashcards) || modes.Count == 0 ? OutputKind.Flashcards : modes[0];
        return (mode, modes);
    }

    public async Task<Tree> TreeAsync(string? asked, CancellationToken cancellationToken)
    {
        var (mode, modes) = await ModeAsync(asked, cancellationToken).ConfigureAwait(false);
        var topics = await _index.TopicsAsync(mode, cancellationToken).ConfigureAwait(false);
        var reviews = (await _reviews.GetReviewsAsync(mode, null, cancellationToken).ConfigureAwait(false)).ToLookup(r => r.TopicPath, StringComparer.Ordinal);
        var categories = topics
            .GroupBy(t => t.Category, StringComparer.Ordinal)
            .Select(g =>
            {
                var nodes = g.Select(t => new TopicNode(t.TopicPath, t.Title, CardViews.CountsOf(t.Cards, t.ContentHash, reviews[t.TopicPath]), t.Problem)).ToList();
                return new CategoryNode(g.Key, CardViews.Sum(nodes.Select(n => n.Counts)), nodes);
            })
            .ToList();
        return new Tree(OutputKinds.NameOf(mode), modes.Select(OutputKinds.NameOf).ToList(), categories);
    }

    public async Task<TopicCards?> TopicAsync(OutputKind mode, string topicPath, CancellationToken cancellationToken)
    {
        if (await _index.TopicAsync(mode, topicPath, cancellationToken).ConfigureAwait(false) is not { } indexed)
        {
            return null;
        }

        var result = await _index.ReadOutputAsync(indexed, cancellationToken).ConfigureAwait(false);
        var reviews = await _reviews.GetReviewsAsync(mode, topicPath, cancellationToken).ConfigureAwait(false);
        if (result.Topic is not { } topic)
        {
            return new TopicCards(OutputKinds.NameOf(mode), topicPath, indexed.Title, indexed.Category, [], CardViews.CountsOf(0, indexed.ContentHash, []),
                string.Join("; ", result.Problems.Select(p => p.Problem)));
        }

        var cards = CardViews.OfTopic(mode, topic, reviews);
        return new TopicCards(OutputKinds.NameOf(mode), topicPath, topic.Topic.Title, indexed.Category, cards,
            CardViews.CountsOf(topic.Cards.Count, topic.Topic.ContentHash, reviews), null);
    }

    public async Task<SearchPage> SearchAsync(OutputKind mode, string query, int offset, CancellationToken cancellationToken)
    {
        const int PageSize = 50;
        var found = await _index.SearchAsync(mode, query, offset, PageSize, cancellationToken).ConfigureAwait(false);
        var cards = new List<CardView>(found.Cards.Count);
        foreach (var topic in found.Cards.GroupBy(c => c.TopicPath, StringComparer.Ordinal))
        {
            var reviews = (await _reviews.GetReviewsAsync(mode, topic.Key, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.CardId, StringComparer.Ordinal);
            cards.AddRange(topic.Select(c => CardViews.Of(mode, c.TopicPath, c.Title, c.ContentHash, c.Card, [], [], reviews.GetValueOrDefault(c.Card.Id))));
        }

        var order = found.Cards.Select((c, i) => (c.TopicPath, c.Card.Id, i)).ToDictionary(x => (x.TopicPath, x.Id), x => x.i);
        return new SearchPage(query, offset, found.Total, found.TotalCapped, cards.OrderBy(c => order[(c.TopicPath, c.Id)]).ToList());
    }

    /// <summary>Records, replaces or (decision <c>none</c>) removes one card's review; the card must exist in the topic's current output.</summary>
    public async Task<(ReviewResult? Result, string? Error)> ReviewAsync(ReviewChange change, CancellationToken cancellationToken)
    {
        if (!OutputKinds.TryParse(change.Mode, out var mode) || change.Topic is null || change.Card is null)
        {
            return (null, "mode, topic and card are required");
        }

        // One index read and one read of the output: a keystroke costs the topic's size, never the number of cards.
        var indexed = await _index.TopicAsync(mode, change.Topic, cancellationToken).ConfigureAwait(false);
        var output = indexed is null ? null : (await _index.ReadOutputAsync(indexed, cancellationToken).ConfigureAwait(false)).Topic;
        if (output is null || output.Cards.All(c => c.Id != change.Card))
        {
            return (null, "no such card");
        }

        var hash = output.Topic.ContentHash;
        switch (change.Decision)
        {
            case "none":
                await _reviews.ClearReviewAsync(mode, change.Topic, change.Card, cancellationToken).ConfigureAwait(false);
                break;
            case "accepted" or "rejected":
                await _reviews.SaveReviewAsync(new CardReview(mode, change.Topic, change.Card, hash, CardReview.ParseDecision(change.Decision),
                    change.Front, change.Back, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                break;
            default:
                return (null, "decision must be accepted, rejected or none");
        }

        await _store.FlushAsync(cancellationToken).ConfigureAwait(false);
        var reviews = await _reviews.GetReviewsAsync(mode, change.Topic, cancellationToken).ConfigureAwait(false);
        var card = CardViews.OfTopic(mode, output, reviews).First(c => c.Id == change.Card);
        return (new ReviewResult(card, CardViews.CountsOf(output.Cards.Count, hash, reviews)), null);
    }
}
