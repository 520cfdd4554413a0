namespace PromptOptimizer.Providers;

/// <summary>Why a call or a topic did not succeed. Stored as text in the completion database.</summary>
internal enum ErrorKind
{
    None,

    /// <summary>Server or upstream trouble (5xx, dropped connection, unreadable body): worth retrying.</summary>
    Transient,

    /// <summary>429 or an in-flight budget 402: wait and retry.</summary>
    RateLimited,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>400 or context too long: the request itself is wrong for this topic.</summary>
    BadRequest,

    /// <summary>403 moderation: this topic's content was refused.</summary>
    Forbidden,

    /// <summary>404: unknown model or no endpoint for the parameters.</summary>
    NotFound,

    /// <summary>401: the key is missing, wrong or disabled.</summary>
    Authentication,

    /// <summary>402: credits or the key's budget are used up.</summary>
    Payment,

    /// <summary>The model refused to answer.</summary>
    Refusal,

    /// <summary>The answer was stopped by a content filter.</summary>
    ContentFilter,

    /// <summary>The answer was cut (<c>finish_reason: length</c>) even with more tokens.</summary>
    Truncated,

    /// <summary>Answers kept failing validation after every repair.</summary>
    Validation,

    /// <summary>The topic file is broken.</summary>
    InvalidTopic,

    /// <summary>Writing the output failed (read-only or full disk).</summary>
    Io,

    /// <summary>The run was interrupted while the topic was in flight.</summary>
    Cancelled,

    /// <summary>Research found nothing relevant to ground the topic on (local sources: no passage scored above the threshold).</summary>
    NoSources,
}
