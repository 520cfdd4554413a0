using System.Net.Http.Headers;
using System.Text.Json;
using PromptOptimizer.Providers.OpenRouter;

namespace PromptOptimizer.Providers;

/// <summary>
/// One chat-completions call to OpenRouter or any OpenAI-compatible endpoint. A single attempt: retries, rate limits
/// and timeouts belong to <see cref="ResilientProvider"/>. Provider trouble comes back as data, never as an exception;
/// only cancellation is thrown.
/// </summary>
internal sealed class OpenRouterClient
{
    public const string ProviderName = "openrouter";

    private readonly HttpClient _http;
    private readonly ProviderEndpoint _endpoint;
    private readonly SecretRedactor _redactor;
    private readonly Uri _completionsUri;

    public OpenRouterClient(HttpClient http, ProviderEndpoint endpoint, SecretRedactor redactor)
    {
        _http = http;
        _endpoint = endpoint;
        _redactor = redactor;
        _completionsUri = new Uri(endpoint.BaseUri, "chat/completions");
    }

    /// <summary>The JSON body this client sends for a request (kept for <c>inspect</c>; it holds no key).</summary>
    public static string SerializeRequest(ChatRequest request) =>
        JsonSerializer.Serialize(ChatWireMapper.ToWire(request), ChatJsonContext.Default.ChatRequestWire);

    public async Task<ProviderAnswer<ChatCompletion>> SendAsync(ChatRequest request, string body, TimeProvider time, CancellationToken cancellationToken)
    {
        var exchange = await ProviderHttp.PostJsonAsync(_http, _completionsUri, body, Headers(_endpoint), ProviderName, _redactor, time, cancellationToken)
            .ConfigureAwait(false);
        if (exchange.Failure is { } failure)
        {
            return ProviderAnswer<ChatCompletion>.Failed(failure);
        }

        if (!exchange.IsSuccess)
        {
            var (errorMessage, limitSource) = ReadError(exchange.Text);
            var raw = _redactor.Redact(exchange.Text);
            var error = HttpErrorClassifier.Classify(ProviderName, exchange.Status, _redactor.Redact(errorMessage ?? exchange.Reason ?? "error"), exchange.RetryAfter, limitSource, isModelCall: true)
                with { RawBody = ProviderHttp.Cut(raw) };
            return ProviderAnswer<ChatCompletion>.Failed(error, raw);
        }

        return Parse(exchange.Text, _redactor);
    }

    /// <summary>Parses a 200 body. Exposed for tests of the real recorded shapes.</summary>
    public static ProviderAnswer<ChatCompletion> Parse(string text, SecretRedactor redactor)
    {
        // The raw body is kept for inspection and stored: a proxy echoing the key must not put it there.
        var raw = redactor.Redact(text);
        ChatResponseWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(text, ChatJsonContext.Default.ChatResponseWire);
        }
        catch (JsonException ex)
        {
            return ProviderAnswer<ChatCompletion>.Failed(new ProviderError(ProviderName, ErrorKind.Transient,
                "answer is not valid JSON: " + redactor.Redact(ex.Message), 200, IsTransient: true, StopsRun: false) { RawBody = ProviderHttp.Cut(raw) }, raw);
        }

        if (wire?.Error is { } topError)
        {
            var code = ReadCode(topError.Code) ?? 500;
            return ProviderAnswer<ChatCompletion>.Failed(HttpErrorClassifier.Classify(ProviderName, code, redactor.Redact(topError.Message ?? "error"), null, isModelCall: true) with { RawBody = ProviderHttp.Cut(raw) }, raw);
        }

        var choice = wire?.Choices?.FirstOrDefault();
        if (choice is null)
        {
            return ProviderAnswer<ChatCompletion>.Failed(new ProviderError(ProviderName, ErrorKind.Transient,
                "answer has no choices", 200, IsTransient: true, StopsRun: false) { RawBody = ProviderHttp.Cut(raw) }, raw);
        }

        var finish = choice.FinishReason ?? choice.NativeFinishReason ?? "stop";
        if (string.Equals(finish, "error", StringComparison.OrdinalIgnoreCase))
        {
            var errorType = ReadMetadata(choice.Error?.Metadata)?.ErrorType;
            var message = redactor.Redact(choice.Error?.Message ?? "generation failed");
            return ProviderAnswer<ChatCompletion>.Failed(HttpErrorClassifier.ClassifyMidGeneration(errorType, ReadCode(choice.Error?.Code), $"finish_reason error ({errorType ?? "unknown"}): {message}") with { RawBody = ProviderHttp.Cut(raw) }, raw);
        }

        var citations = new List<WebCitation>();
        foreach (var annotation in choice.Message?.Annotations ?? [])
        {
            var url = annotation.UrlCitation?.Url ?? annotation.Url;
            if (!string.IsNullOrWhiteSpace(url) && (annotation.Type is null || annotation.Type == "url_citation"))
            {
                citations.Add(new WebCitation(url, annotation.UrlCitation?.Title ?? annotation.Title, annotation.UrlCitation?.Content ?? annotation.Content));
            }
        }

        var usage = wire!.Usage;
        return ProviderAnswer<ChatCompletion>.Ok(new ChatCompletion(
            wire.Id,
            wire.Model,
            choice.Message?.Content,
            finish,
            choice.NativeFinishReason,
            choice.Message?.Refusal,
            citations,
            usage?.PromptTokens ?? 0,
            usage?.CompletionTokens ?? 0,
            usage?.Cost), raw);
    }

    /// <summary>The headers of every OpenRouter call: the key as a bearer token (when set) and the app title.</summary>
    internal static Action<HttpRequestHeaders> Headers(ProviderEndpoint endpoint) => headers =>
    {
        if (!string.IsNullOrEmpty(endpoint.ApiKey))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
        }

        headers.TryAddWithoutValidation("X-OpenRouter-Title", "PromptOptimizer");
    };

    /// <summary>The message and <c>metadata.limit_source</c> of an OpenRouter error body; the body itself when it is not JSON.</summary>
    internal static (string? Message, string? LimitSource) ReadError(string text)
    {
        try
        {
            var body = JsonSerializer.Deserialize(text, ChatJsonContext.Default.ErrorBodyWire);
            return (body?.Error?.Message, ReadMetadata(body?.Error?.Metadata)?.LimitSource);
        }
        catch (JsonException)
        {
            return (string.IsNullOrWhiteSpace(text) ? null : ProviderHttp.Cut(text), null);
        }
    }

    private static ErrorMetadataWire? ReadMetadata(JsonElement? metadata)
    {
        if (metadata is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        try
        {
            return element.Deserialize(ChatJsonContext.Default.ErrorMetadataWire);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static int? ReadCode(JsonElement? code) => code switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var v) => v,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), out var v) => v,
        _ => null,
    };

}
