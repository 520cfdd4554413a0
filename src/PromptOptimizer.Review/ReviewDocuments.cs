namespace PromptOptimizer.Review;

/// <summary>The JSON the page reads and posts (snake_case via <see cref="ReviewJsonContext"/>). Every string is data: the page puts it in with <c>textContent</c>, except the two card sides, which are HTML built on the server by the engine's card code from escaped text.</summary>
internal static class ReviewDocuments
{
    public sealed record Session(string Csrf);

    public sealed record Runs(DateTimeOffset Now, IReadOnlyList<ModeTotals> Modes, IReadOnlyList<RunRow> Rows, IReadOnlyList<Series> Charts);

    public sealed record RunRow(string Mode, string Category, int Completed, int Failed, int Pending, int InFlight, decimal CostUsd);

    /// <param name="PerMinute">Topics completed per minute over the recent window.</param>
    /// <param name="EtaSeconds">Pending topics at that rate, or null when nothing completed recently.</param>
    /// <param name="ProjectedCostUsd">The cost so far plus the pending topics at the average cost of a completed one.</param>
    public sealed record ModeTotals(string Mode, int Completed, int Failed, int Pending, int InFlight, decimal CostUsd, double PerMinute, double? EtaSeconds, decimal ProjectedCostUsd);

    /// <summary>One product's chart: minute starts (Unix seconds), completions per minute and cumulative cost.</summary>
    public sealed record Series(string Mode, IReadOnlyList<long> Minutes, IReadOnlyList<int> Completed, IReadOnlyList<decimal> CumulativeCostUsd);

    public sealed record Tree(string Mode, IReadOnlyList<string> Modes, IReadOnlyList<CategoryNode> Categories);

    public sealed record CategoryNode(string Name, Counts Counts, IReadOnlyList<TopicNode> Topics);

    public sealed record TopicNode(string Path, string Title, Counts Counts, string? Problem);

    public sealed record Counts(int Cards, int Reviewed, int Accepted, int Rejected, int Stale);

    public sealed record TopicCards(string Mode, string Path, string Title, string Category, IReadOnlyList<CardView> Cards, Counts Counts, string? Problem);

    /// <param name="Cards">The cards Anki makes of this note, as it shows them: one for Basic, one per deletion number for cloze.</param>
    public sealed record CardView(
        string Mode, string TopicPath, string TopicTitle, string Id, string Type, string Front, string Back, IReadOnlyList<CardSides> Cards,
        IReadOnlyList<SourceView> Sources, IReadOnlyList<string> Findings, ReviewView? Review);

    /// <param name="Label"><c>c1</c>, <c>c2</c>, ... for the cards of a cloze note; null otherwise.</param>
    /// <param name="FrontHtml">The front as Anki shows it, built on the server from escaped text.</param>
    /// <param name="BackHtml">The back as Anki shows it, built on the server from escaped text.</param>
    public sealed record CardSides(string? Label, string FrontHtml, string BackHtml);

    /// <param name="Url">Only <c>http</c>/<c>https</c> addresses; anything else is null and shown as text only.</param>
    public sealed record SourceView(string Id, string? Title, string? Url, string DisplayUrl, string? Excerpt);

    public sealed record ReviewView(string Decision, bool Stale, string? Front, string? Back);

    /// <param name="Total">How many cards match, up to the card index's search pool (1,000).</param>
    /// <param name="TotalCapped">More cards match than <paramref name="Total"/>; the page shows "1,000+" and these are the best of the newest 1,000.</param>
    public sealed record SearchPage(string Query, int Offset, int Total, bool TotalCapped, IReadOnlyList<CardView> Cards);

    /// <param name="Decision"><c>accepted</c>, <c>rejected</c> or <c>none</c> (undo to unreviewed).</param>
    public sealed record ReviewChange(string Mode, string Topic, string Card, string Decision, string? Front, string? Back);

    public sealed record ReviewResult(CardView Card, Counts Topic);

    public sealed record Failures(IReadOnlyList<FailureRow> Topics);

    public sealed record FailureRow(string Mode, string TopicPath, string? Kind, string? Message, int Attempts, DateTimeOffset? At);

    public sealed record Retry(string Mode, string Topic);

    public sealed record RetryResult(int Changed);

    public sealed record Prompt(string Mode, string TopicPath, string Title, string SystemPrompt, double Score, IReadOnlyList<PromptRoundView> Rounds);

    public sealed record PromptRoundView(int Round, double Score, int Grounding, int Coverage, int Clarity, int Safety, int Format, IReadOnlyList<string> Weaknesses, string SystemPrompt);

    public sealed record Problem(string Error);
}
