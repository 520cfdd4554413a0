using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PromptOptimizer.Providers.OpenRouter;

namespace PromptOptimizer.Providers;

/// <summary>
/// OpenRouter's Batch API (<c>{base}/batches</c>, see docs/simulator.md, "The Batch API") on the base URL of the chat
/// client, so any endpoint that speaks the same protocol works. One attempt per call: retries belong above this seam.
/// Provider trouble comes back as data; only cancellation is thrown. The key never reaches an error or a raw body.
/// </summary>
internal sealed class OpenRouterBatchClient : IBatchApi
{
    /// <summary>The <c>endpoint</c> every request of a batch goes to.</summary>
    public const string ChatEndpoint = "/v1/chat/completions";

    /// <summary>Most batches one list call asks for.</summary>
    public const int ListLimit = 100;

    // A results page cursor that never ends would loop forever; 5,000 requests fit in far fewer pages.
    private const int MaxResultPages = 10_000;
    private const string Provider = OpenRouterClient.ProviderName;

    private readonly HttpClient _http;
    private readonly ProviderEndpoint _endpoint;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly Uri _batchesUri;

    public OpenRouterBatchClient(HttpClient http, ProviderEndpoint endpoint, SecretRedactor redactor, TimeProvider time)
    {
        _http = http;
        _endpoint = endpoint;
        _redactor = redactor;
        _time = time;
        _batchesUri = new Uri(endpoint.BaseUri, "batches");
    }

    /// <summary>The JSON body <see cref="SubmitAsync"/> posts: each request's body is the synchronous call's body.</summary>
    public static string SerializeSubmission(BatchSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var wire = new BatchSubmitWire(
            ChatEndpoint,
            submission.Model,
            "24h",
            submission.Metadata.Count == 0 ? null : submission.Metadata,
            submission.Requests.Select(r => new BatchRequestWire(r.CustomId, ChatWireMapper.ToWire(r.Request))).ToList());
        return JsonSerializer.Serialize(wire, ChatJsonContext.Default.BatchSubmitWire);
    }

    public async Task<ProviderAnswer<BatchStatus>> SubmitAsync(BatchSubmission submission, CancellationToken cancellationToken)
    {
        var exchange = await SendAsync(HttpMethod.Post, _batchesUri, SerializeSubmission(submission), cancellationToken).ConfigureAwait(false);
        return ReadBatch(exchange, NoBatchApi, wholeApi: true);
    }

    public async Task<ProviderAnswer<BatchStatus>> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        var exchange = await SendAsync(HttpMethod.Get, BatchUri(batchId, null), null, cancellationToken).ConfigureAwait(false);
        return ReadBatch(exchange, UnknownBatch(batchId));
    }

    public async Task<ProviderAnswer<BatchList>> ListAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(_batchesUri.AbsoluteUri + "?limit=" + ListLimit.ToString(CultureInfo.InvariantCulture));
        var exchange = await SendAsync(HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false);
        if (Failure(exchange, NoBatchApi, wholeApi: true) is { } failure)
        {
            return ProviderAnswer<BatchList>.Failed(failure, _redactor.Redact(exchange.Text));
        }

        var (page, problem) = Deserialize(exchange.Text, ChatJsonContext.Default.BatchListWireBatchObjectWire);
        if (page is null)
        {
            return ProviderAnswer<BatchList>.Failed(problem!, _redactor.Redact(exchange.Text));
        }

        var batches = (page.Data ?? []).Where(b => !string.IsNullOrEmpty(b.Id)).Select(ToStatus).ToList();
        return ProviderAnswer<BatchList>.Ok(new BatchList(batches), _redactor.Redact(exchange.Text));
    }

    public async Task<ProviderAnswer<BatchResults>> ResultsAsync(string batchId, CancellationToken cancellationToken)
    {
        var items = new List<BatchResultItem>();
        string? cursor = null;
        for (var page = 0; page < MaxResultPages; page++)
        {
            var exchange = await SendAsync(HttpMethod.Get, BatchUri(batchId, "results", cursor), null, cancellationToken).ConfigureAwait(false);
            if (Failure(exchange, UnknownBatch(batchId)) is { } failure)
            {
                return ProviderAnswer<BatchResults>.Failed(failure, _redactor.Redact(exchange.Text));
            }

            var (wire, problem) = Deserialize(exchange.Text, ChatJsonContext.Default.BatchListWireBatchResultWire);
            if (wire is null)
            {
                return ProviderAnswer<BatchResults>.Failed(problem!, _redactor.Redact(exchange.Text));
            }

            foreach (var line in wire.Data ?? [])
            {
                if (!string.IsNullOrEmpty(line.CustomId))
                {
                    items.Add(BatchResultReader.Read(line, _redactor));
                }
            }

            if (wire.HasMore != true || string.IsNullOrEmpty(wire.NextCursor) || wire.NextCursor == cursor)
            {
                return ProviderAnswer<BatchResults>.Ok(new BatchResults(items), null);
            }

            cursor = wire.NextCursor;
        }

        return ProviderAnswer<BatchResults>.Failed(new ProviderError(Provider, ErrorKind.Transient,
            $"batch {batchId}: the results never reached their last page", 200, IsTransient: true, StopsRun: false));
    }

    public async Task<ProviderAnswer<BatchStatus>> CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        var exchange = await SendAsync(HttpMethod.Post, BatchUri(batchId, "cancel"), "{}", cancellationToken).ConfigureAwait(false);
        return ReadBatch(exchange, $"this endpoint cannot cancel batch {batchId} (404): OpenRouter's Batch API documents no cancel; the batch runs to its end");
    }

    /// <summary>Maps a batch object onto the seam's record.</summary>
    internal static BatchStatus ToStatus(BatchObjectWire wire) => new(
        wire.Id ?? string.Empty,
        wire.Status ?? "unknown",
        wire.Model ?? string.Empty,
        wire.RequestCounts?.Total ?? 0,
        wire.RequestCounts?.Completed ?? 0,
        wire.RequestCounts?.Failed ?? 0,
        DateTimeOffset.FromUnixTimeSeconds(wire.CreatedAt ?? 0),
        wire.Metadata ?? new Dictionary<string, string>(StringComparer.Ordinal),
        wire.Error?.Message,
        wire.Usage?.Cost);

    private string NoBatchApi =>
        $"{_endpoint.BaseUri.AbsoluteUri}batches answered 404: this endpoint has no Batch API, so --batch-api cannot run against it; run without --batch-api or point OPENROUTER_BASE_URL at a provider that offers OpenRouter's Batch API";

    private static string UnknownBatch(string batchId) => $"batch {batchId} is unknown to this endpoint (404)";

    private Uri BatchUri(string batchId, string? action, string? cursor = null)
    {
        var path = _batchesUri.AbsoluteUri + "/" + Uri.EscapeDataString(batchId) + (action is null ? string.Empty : "/" + action);
        return new Uri(cursor is null ? path : path + "?cursor=" + Uri.EscapeDataString(cursor));
    }

    private Task<HttpExchange> SendAsync(HttpMethod method, Uri uri, string? body, CancellationToken cancellationToken) =>
        ProviderHttp.SendAsync(_http, method, uri, body, OpenRouterClient.Headers(_endpoint), Provider, _redactor, _time, cancellationToken);

    private ProviderAnswer<BatchStatus> ReadBatch(HttpExchange exchange, string notFound, bool wholeApi = false)
    {
        var raw = _redactor.Redact(exchange.Text);
        if (Failure(exchange, notFound, wholeApi) is { } failure)
        {
            return ProviderAnswer<BatchStatus>.Failed(failure, raw);
        }

        var (wire, problem) = Deserialize(exchange.Text, ChatJsonContext.Default.BatchObjectWire);
        if (wire is null || string.IsNullOrEmpty(wire.Id))
        {
            return ProviderAnswer<BatchStatus>.Failed(problem ?? Malformed("the batch has no id", raw), raw);
        }

        return ProviderAnswer<BatchStatus>.Ok(ToStatus(wire), raw);
    }

    /// <summary>The error of a failed exchange, or null when it succeeded. A 404 says <paramref name="notFound"/>; on a
    /// whole-API path (submit, list) it also stops the run, since every batch would fail alike.</summary>
    private ProviderError? Failure(HttpExchange exchange, string notFound, bool wholeApi = false)
    {
        if (exchange.Failure is { } failure)
        {
            return failure;
        }

        if (exchange.IsSuccess)
        {
            return null;
        }

        var raw = ProviderHttp.Cut(_redactor.Redact(exchange.Text));
        if (exchange.Status == 404)
        {
            return new ProviderError(Provider, ErrorKind.NotFound, _redactor.Redact(notFound), 404, IsTransient: false, StopsRun: wholeApi) { RawBody = raw };
        }

        var (message, limitSource) = OpenRouterClient.ReadError(exchange.Text);
        return HttpErrorClassifier.Classify(Provider, exchange.Status, _redactor.Redact(message ?? exchange.Reason ?? "error"), exchange.RetryAfter, limitSource)
            with { RawBody = raw };
    }

    private (T? Value, ProviderError? Problem) Deserialize<T>(string text, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return (JsonSerializer.Deserialize(text, type), null);
        }
        catch (JsonException ex)
        {
            return (null, Malformed("answer is not valid JSON: " + _redactor.Redact(ex.Message), _redactor.Redact(text)));
        }
    }

    private static ProviderError Malformed(string message, string raw) =>
        new(Provider, ErrorKind.Transient, message, 200, IsTransient: true, StopsRun: false) { RawBody = ProviderHttp.Cut(raw) };
}
