namespace PromptOptimizer.Cards;

/// <summary>
/// The size limits of a card, the same wherever a card is judged: validation rejects a generated card over them and the
/// quality report flags an exported one. Practitioners' choices from SuperMemo's "20 rules" and common LLM card
/// generators, not research results.
/// </summary>
internal static class CardLimits
{
    /// <summary>Longest question (or revealed cloze text), in characters.</summary>
    public const int MaxFrontChars = 200;

    /// <summary>Longest question (or revealed cloze text), in words.</summary>
    public const int MaxFrontWords = 25;

    /// <summary>Longest answer, in characters.</summary>
    public const int MaxBackChars = 500;

    /// <summary>Shortest question, in words: fewer cannot be answered without context.</summary>
    public const int MinQuestionWords = 3;

    /// <summary>Most deletions in one cloze card.</summary>
    public const int MaxClozes = 3;

    /// <summary>Longest cloze answer, in words.</summary>
    public const int MaxClozeAnswerWords = 4;
}
