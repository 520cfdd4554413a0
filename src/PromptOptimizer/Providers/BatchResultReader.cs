using System.Text.Json;
using PromptOptimizer.Providers.OpenRouter;

namespace PromptOptimizer.Providers;

/// <summary>
/// Turns one batch result line into the seam's item: a 200 body is read exactly like a synchronous answer (so a
/// <c>finish_reason: error</c> inside it is classified the same way), another status like a synchronous HTTP error, and
/// a line <c>error</c> (the request got no answer: the batch expired or was cancelled first) by its type.
/// </summary>
internal static class BatchResultReader
{
    private const string Provider = OpenRouterClient.ProviderName;

    public static BatchResultItem Read(BatchResultWire line, SecretRedactor redactor)
    {
        var customId = line.CustomId!;
        if (line.Response is { } response)
        {
            var status = response.StatusCode ?? 200;
            var body = response.Body is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } element ? element.GetRawText() : string.Empty;
            if (status is >= 200 and < 300)
            {
                var answer = OpenRouterClient.Parse(body, redactor);
                return new BatchResultItem(customId, answer.Value, answer.Error);
            }

            var (message, limitSource) = OpenRouterClient.ReadError(body);
            var error = HttpErrorClassifier.Classify(Provider, status, redactor.Redact(message ?? "error"), null, limitSource, isModelCall: true)
                with { RawBody = ProviderHttp.Cut(redactor.Redact(body)) };
            return new BatchResultItem(customId, null, error);
        }

        if (line.Error is { } lineError)
        {
            return new BatchResultItem(customId, null, Classify(lineError, redactor));
        }

        return new BatchResultItem(customId, null, new ProviderError(Provider, ErrorKind.Transient,
            "result line has neither a response nor an error", null, IsTransient: true, StopsRun: false));
    }

    /// <summary>A line error by its type (or OpenAI's code): a request that never ran can run in a later batch; one
    /// the provider refused cannot.</summary>
    private static ProviderError Classify(BatchLineErrorWire error, SecretRedactor redactor)
    {
        var type = error.Type ?? (error.Code is { ValueKind: JsonValueKind.String } code ? code.GetString() : null) ?? "unknown";
        var message = $"{type}: {redactor.Redact(error.Message ?? "request failed inside the batch")}";
        return type switch
        {
            "invalid_request_error" or "invalid_request" or "bad_request" =>
                new(Provider, ErrorKind.BadRequest, message, 400, IsTransient: false, StopsRun: false),
            "authentication_error" => HttpErrorClassifier.Classify(Provider, 401, message, null, isModelCall: true),
            "insufficient_credits" or "payment_required" => HttpErrorClassifier.Classify(Provider, 402, message, null, isModelCall: true),
            "rate_limit_exceeded" or "rate_limit_error" => new(Provider, ErrorKind.RateLimited, message, null, IsTransient: true, StopsRun: false),
            "batch_expired" or "request_timeout" or "timeout" => new(Provider, ErrorKind.Timeout, message, null, IsTransient: true, StopsRun: false),
            _ => new(Provider, ErrorKind.Transient, message, null, IsTransient: true, StopsRun: false),
        };
    }
}
