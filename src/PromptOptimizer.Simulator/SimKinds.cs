namespace PromptOptimizer.Simulator;

/// <summary>Names of the behaviours a fault rate or a script can force.</summary>
internal static class SimKinds
{
    public const string BadRequest = "400";
    public const string TooManyRequests = "429";
    public const string ServerError = "500";
    public const string BadGateway = "502";
    public const string Unavailable = "503";
    public const string Unauthorized = "401";
    public const string PaymentRequired = "402";
    public const string Forbidden = "403";
    public const string Timeout = "timeout";
    public const string Reset = "reset";
    public const string BadJson = "bad-json";
    public const string Truncated = "truncated";
    public const string Schema = "schema";
    public const string Error200 = "error200";
    public const string LowScore = "low-score";
    public const string Fenced = "fenced";
    public const string Refusal = "refusal";
    public const string ContentFilter = "content-filter";
    public const string BadCitation = "bad-citation";
    public const string LongFront = "long-front";
    public const string LongBack = "long-back";
    public const string EmptyField = "empty-field";
    public const string SameFrontBack = "same-front-back";
    public const string BadCloze = "bad-cloze";
    public const string FewCards = "few-cards";
    public const string Duplicates = "duplicates";
    public const string BatchFailed = "batch-failed";
    public const string BatchExpired = "batch-expired";

    /// <summary>Kinds that fail at the HTTP level and therefore apply to both endpoints.</summary>
    public static readonly IReadOnlySet<string> Transport = new HashSet<string>(StringComparer.Ordinal)
    {
        BadRequest, TooManyRequests, ServerError, BadGateway, Unavailable, Unauthorized, PaymentRequired, Forbidden, Timeout, Reset,
    };

    /// <summary>Chat-only kinds that a search request turns into a 500.</summary>
    public static readonly IReadOnlySet<string> BrokenAnswer = new HashSet<string>(StringComparer.Ordinal)
    {
        BadJson, Truncated, Schema, Error200,
    };

    /// <summary>Kinds that change every card of a flashcards answer.</summary>
    public static readonly IReadOnlySet<string> CardLevel = new HashSet<string>(StringComparer.Ordinal)
    {
        BadCitation, LongFront, LongBack, EmptyField, SameFrontBack, BadCloze, FewCards, Duplicates,
    };

    /// <summary>Kinds that befall a whole batch when it is submitted: it fails validation, or expires with half its
    /// requests answered.</summary>
    public static readonly IReadOnlySet<string> BatchLevel = new HashSet<string>(StringComparer.Ordinal) { BatchFailed, BatchExpired };

    /// <summary>Every kind accepted by <see cref="FaultSpec"/> and <see cref="SimScript"/>.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        Transport.Concat(BrokenAnswer).Concat(CardLevel).Concat(BatchLevel).Concat([LowScore, Fenced, Refusal, ContentFilter]),
        StringComparer.Ordinal);

    /// <summary>True when the kind only makes sense for chat completions.</summary>
    public static bool IsChatOnly(string kind) => !Transport.Contains(kind);
}
