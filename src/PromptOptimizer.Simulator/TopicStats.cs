namespace PromptOptimizer.Simulator;

/// <summary>
/// Per-topic counters. Flashcards/PromptDrafts/PromptCritiques count well-formed answers with HTTP 200 and
/// finish_reason "stop"; deliberately malformed 200+stop answers (bad-json, schema, card-level scripts, refusal)
/// count in <see cref="MalformedAnswers"/> instead. Searches counts answered /search calls, WebSearches
/// answered chat requests that used the web plugin.
/// </summary>
internal sealed record TopicStats(
    int Flashcards,
    int PromptDrafts,
    int PromptCritiques,
    int Searches,
    int WebSearches,
    int MalformedAnswers)
{
    public static TopicStats Empty { get; } = new(0, 0, 0, 0, 0, 0);
}
