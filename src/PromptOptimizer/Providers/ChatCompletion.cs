namespace PromptOptimizer.Providers;

/// <summary>A chat answer that arrived (HTTP 200 with a usable choice), whatever its finish reason.</summary>
/// <param name="FinishReason">Read as a plain string: <c>stop</c>, <c>length</c>, <c>content_filter</c>, ... never an enum.</param>
/// <param name="Cost">USD from <c>usage.cost</c>; null when the endpoint did not report it (not OpenRouter).</param>
internal sealed record ChatCompletion(
    string? Id,
    string? Model,
    string? Content,
    string FinishReason,
    string? NativeFinishReason,
    string? Refusal,
    IReadOnlyList<WebCitation> Citations,
    long PromptTokens,
    long CompletionTokens,
    decimal? Cost);
