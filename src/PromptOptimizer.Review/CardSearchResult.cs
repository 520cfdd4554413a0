namespace PromptOptimizer.Review;

/// <summary>A page of a card search.</summary>
/// <param name="Total">How many cards match, up to <see cref="CardIndex.SearchPool"/>.</param>
/// <param name="TotalCapped">More cards match than <see cref="CardIndex.SearchPool"/>: the best of the newest that many are ranked and paged.</param>
internal sealed record CardSearchResult(IReadOnlyList<IndexedCard> Cards, int Total, bool TotalCapped);
