namespace PromptOptimizer.Providers;

/// <summary>Maps a provider's HTTP status to what the tool does about it (see wire-protocols.md, "What a client does, by status").</summary>
internal static class HttpErrorClassifier
{
    public static ProviderError Classify(string provider, int status, string message, TimeSpan? retryAfter, string? limitSource = null, bool isModelCall = false)
    {
        return status switch
        {
            400 => new(provider, ErrorKind.BadRequest, message, status, IsTransient: false, StopsRun: false),
            401 => new(provider, ErrorKind.Authentication, message, status, IsTransient: false, StopsRun: true),
            402 when limitSource == "openrouter_in_flight_budget" =>
                new(provider, ErrorKind.RateLimited, message, status, IsTransient: true, StopsRun: false, retryAfter),
            402 => new(provider, ErrorKind.Payment, message, status, IsTransient: false, StopsRun: true),
            403 => new(provider, ErrorKind.Forbidden, message, status, IsTransient: false, StopsRun: false),

            // A chat 404 means the model (or the parameter combination) has no endpoint: every topic would fail alike.
            404 => new(provider, ErrorKind.NotFound, message, status, IsTransient: false, StopsRun: isModelCall),
            408 or 504 or 524 => new(provider, ErrorKind.Timeout, message, status, IsTransient: true, StopsRun: false, retryAfter),
            429 => new(provider, ErrorKind.RateLimited, message, status, IsTransient: true, StopsRun: false, retryAfter),
            >= 500 => new(provider, ErrorKind.Transient, message, status, IsTransient: true, StopsRun: false, retryAfter),
            _ => new(provider, ErrorKind.BadRequest, message, status, IsTransient: false, StopsRun: false),
        };
    }

    /// <summary>Classifies OpenRouter's "HTTP 200 with finish_reason error" by its inner <c>error_type</c>.</summary>
    public static ProviderError ClassifyMidGeneration(string? errorType, int? code, string message)
    {
        return errorType switch
        {
            "rate_limit_exceeded" => new("openrouter", ErrorKind.RateLimited, message, 200, IsTransient: true, StopsRun: false),
            "context_length_exceeded" => new("openrouter", ErrorKind.BadRequest, message, 200, IsTransient: false, StopsRun: false),
            "timeout" => new("openrouter", ErrorKind.Timeout, message, 200, IsTransient: true, StopsRun: false),
            _ when code is 401 or 402 => Classify("openrouter", code.Value, message, null, isModelCall: true),
            _ => new("openrouter", ErrorKind.Transient, message, 200, IsTransient: true, StopsRun: false),
        };
    }
}
