namespace PromptOptimizer.Providers;

/// <summary>A failed provider call, as data: what happened, whether to retry, whether the whole run must stop.</summary>
/// <param name="Provider"><c>openrouter</c> or <c>exa</c>.</param>
/// <param name="StatusCode">HTTP status, or null when no answer came.</param>
/// <param name="RetryAfter">How long the provider asked us to wait, when it said.</param>
internal sealed record ProviderError(
    string Provider,
    ErrorKind Kind,
    string Message,
    int? StatusCode,
    bool IsTransient,
    bool StopsRun,
    TimeSpan? RetryAfter = null)
{
    /// <summary>The raw body of the failed answer (redacted), for inspection.</summary>
    public string? RawBody { get; init; }

    public override string ToString() =>
        StatusCode is { } code ? $"{Provider} {code}: {Message}" : $"{Provider}: {Message}";
}
