namespace PromptOptimizer.Export;

/// <summary>One automatic card check (see <c>docs/export.md</c> for the rules and thresholds).</summary>
internal enum QualityCheck
{
    /// <summary>Basic card without front or back, cloze card without text.</summary>
    MissingField,

    /// <summary>Type is neither <c>basic</c> nor <c>cloze</c>.</summary>
    UnknownType,

    /// <summary>Question (or cloze text) above 200 characters or 25 words.</summary>
    FrontTooLong,

    /// <summary>Answer above 500 characters.</summary>
    BackTooLong,

    /// <summary>A question of fewer than 3 words.</summary>
    QuestionTooShort,

    /// <summary>List markers in the answer: a set or enumeration instead of one fact.</summary>
    ListInAnswer,

    /// <summary>More than one question mark in the front.</summary>
    MultipleQuestions,

    /// <summary>Several facts joined in one answer (<c>", and"</c>, <c>";"</c> or two or more <c>" and "</c>).</summary>
    JoinedFacts,

    /// <summary>Malformed cloze markup, no deletion, or numbers not running from c1 without gaps.</summary>
    ClozeSyntax,

    /// <summary>More than 3 cloze deletions in one card.</summary>
    TooManyClozes,

    /// <summary>A cloze answer of more than 4 words.</summary>
    LongClozeAnswer,

    /// <summary>TODO, TBD, FIXME, lorem ipsum or placeholder ellipses.</summary>
    Placeholder,

    /// <summary>A front such as "What is this?" that cannot be answered without context.</summary>
    VagueFront,

    /// <summary>The answer restates the question.</summary>
    BackRepeatsFront,

    /// <summary>Same normalised question and answer as an earlier card.</summary>
    ExactDuplicate,

    /// <summary>Token-set Jaccard similarity of at least 0.8 with an earlier card in the same category.</summary>
    NearDuplicate,

    /// <summary>The card cites no source.</summary>
    NoCitation,

    /// <summary>The card cites a source id that is not in its file.</summary>
    UnknownSource,
}
