using System.Text.Json;
using PromptOptimizer.Providers.Exa;

namespace PromptOptimizer.Providers;

/// <summary>One Exa <c>/search</c> call. A single attempt; provider trouble comes back as data.</summary>
internal sealed class ExaClient
{
    public const string ProviderName = "exa";

    private readonly HttpClient _http;
    private readonly ProviderEndpoint _endpoint;
    private readonly SecretRedactor _redactor;
    private readonly Uri _searchUri;

    public ExaClient(HttpClient http, ProviderEndpoint endpoint, SecretRedactor redactor)
    {
        _http = http;
        _endpoint = endpoint;
        _redactor = redactor;
        _searchUri = new Uri(endpoint.BaseUri, "search");
    }

    public static string SerializeRequest(SearchRequest request) => JsonSerializer.Serialize(
        new SearchRequestWire(request.Query, "auto", request.NumResults,
            new ContentsWire(new TextOptionsWire(request.MaxTextCharacters), new TextOptionsWire(request.MaxHighlightCharacters))),
        SearchJsonContext.Default.SearchRequestWire);

    public async Task<ProviderAnswer<SearchResponse>> SearchAsync(string body, TimeProvider time, CancellationToken cancellationToken)
    {
        var exchange = await ProviderHttp.PostJsonAsync(_http, _searchUri, body, headers =>
        {
            if (!string.IsNullOrEmpty(_endpoint.ApiKey))
            {
                headers.TryAddWithoutValidation("x-api-key", _endpoint.ApiKey);
            }
        }, ProviderName, _redactor, time, cancellationToken).ConfigureAwait(false);
        if (exchange.Failure is { } failure)
        {
            return ProviderAnswer<SearchResponse>.Failed(failure);
        }

        if (!exchange.IsSuccess)
        {
            var raw = _redactor.Redact(exchange.Text);
            var error = HttpErrorClassifier.Classify(ProviderName, exchange.Status, _redactor.Redact(ReadError(exchange.Text) ?? exchange.Reason ?? "error"), exchange.RetryAfter)
                with { RawBody = ProviderHttp.Cut(raw) };
            return ProviderAnswer<SearchResponse>.Failed(error, raw);
        }

        return Parse(exchange.Text, _redactor);
    }

    /// <summary>Parses a 200 body; tolerant of nulls, unknown fields and both <c>costDollars</c> shapes.</summary>
    public static ProviderAnswer<SearchResponse> Parse(string text, SecretRedactor redactor)
    {
        // The raw body is kept for inspection and stored: a proxy echoing the key must not put it there.
        var raw = redactor.Redact(text);
        SearchResponseWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(text, SearchJsonContext.Default.SearchResponseWire);
        }
        catch (JsonException ex)
        {
            return ProviderAnswer<SearchResponse>.Failed(new ProviderError(ProviderName, ErrorKind.Transient,
                "answer is not valid JSON: " + redactor.Redact(ex.Message), 200, IsTransient: true, StopsRun: false) { RawBody = ProviderHttp.Cut(raw) }, raw);
        }

        if (wire?.Results is null)
        {
            return ProviderAnswer<SearchResponse>.Failed(new ProviderError(ProviderName, ErrorKind.Transient,
                "answer has no results array", 200, IsTransient: true, StopsRun: false) { RawBody = ProviderHttp.Cut(raw) }, raw);
        }

        var hits = new List<SearchHit>();
        foreach (var result in wire.Results)
        {
            var url = result?.Url ?? result?.Id;
            if (result is null || string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            hits.Add(new SearchHit(url, result.Title, result.PublishedDate, result.Author, result.Score, result.Text,
                result.Highlights?.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h!).ToList() ?? []));
        }

        return ProviderAnswer<SearchResponse>.Ok(new SearchResponse(wire.RequestId, hits, wire.CostDollars?.Total), raw);
    }

    private static string? ReadError(string text)
    {
        try
        {
            var error = JsonSerializer.Deserialize(text, SearchJsonContext.Default.SearchErrorWire);
            return error?.Error is null ? null : error.Tag is null ? error.Error : $"{error.Error} ({error.Tag})";
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(text) ? null : ProviderHttp.Cut(text);
        }
    }
}
