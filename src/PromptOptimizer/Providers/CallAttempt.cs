namespace PromptOptimizer.Providers;

/// <summary>One HTTP attempt made for a topic, successful or not.</summary>
internal sealed record CallAttempt(
    string Provider,
    string Stage,
    int? StatusCode,
    ErrorKind Kind,
    string? Error,
    long PromptTokens,
    long CompletionTokens,
    decimal Cost,
    bool CostEstimated,
    TimeSpan Latency,
    string RequestBody,
    string? RawBody);
