using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptOptimizer.Simulator;

/// <summary>State and plumbing shared by the endpoints: randomness, latency, faults, limits, stats.</summary>
internal sealed class SimulatorCore
{
    private const double MaxLatencyFactor = 100;

    public SimulatorCore(SimulatorOptions options, TimeProvider time, CancellationToken stopping)
    {
        Options = options;
        Time = time;
        Stopping = stopping;
        Random = new SeededRandom(options.Seed);
        Stats = new StatsCollector(time);
        ExaLimiter = options.ExaQps is { } qps ? new SlidingWindowLimiter(qps, time) : null;
        ChatLimiter = options.ChatRps is { } rps ? new SlidingWindowLimiter(rps, time) : null;
    }

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public SeededRandom Random { get; }

    public StatsCollector Stats { get; }

    public ScriptBook Scripts { get; } = new();

    public SlidingWindowLimiter? ExaLimiter { get; }

    public SlidingWindowLimiter? ChatLimiter { get; }

    /// <summary>Cancelled when the simulator stops; releases hanging requests.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Runs one request, recording arrival, concurrency and outcome.</summary>
    public async Task RunAsync(HttpContext context, string endpoint, Func<HttpContext, long, Task<RequestOutcome>> handler)
    {
        var arrival = Stats.Arrive(endpoint);
        RequestOutcome outcome;
        try
        {
            outcome = await handler(context, arrival).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || Stopping.IsCancellationRequested)
        {
            // The client gave up (or the server stopped) before an answer was written.
            outcome = RequestOutcome.NeverAnswered;
        }
        finally
        {
            Stats.Leave(endpoint);
        }

        Stats.Finish(endpoint, outcome.Status, arrival, outcome.Cost);
    }

    /// <summary>Waits the simulated log-normal latency.</summary>
    public Task DelayAsync(HttpContext context)
    {
        if (Options.LatencyMs <= 0)
        {
            return Task.CompletedTask;
        }

        var z = Random.NextGaussian();
        var ms = Math.Min(Math.Exp(Math.Log(Options.LatencyMs) + (Options.LatencySigma * z)), Options.LatencyMs * MaxLatencyFactor);
        return Task.Delay(TimeSpan.FromMilliseconds(ms), Time, context.RequestAborted);
    }

    /// <summary>A script for this request if one matches, else a rate-based fault (unless <paramref name="rates"/> is
    /// false), else null. A batch submission draws among the whole-batch kinds.</summary>
    public string? ChooseKind(string endpoint, string? schemaName, string topic, bool rates = true)
    {
        var scripted = Scripts.TryTake(endpoint, schemaName, topic);
        if (scripted is not null)
        {
            return scripted;
        }

        return !rates || Options.Faults.Rates.Count == 0 ? null : Options.Faults.Pick(Random.NextDouble(), endpoint == SimEndpoints.Batch);
    }

    /// <summary>
    /// Answers a transport fault kind: a status in the provider's <paramref name="errorBody"/> (429 and 503 with
    /// <c>Retry-After: 1</c>), a hang (<c>timeout</c>) or a dropped connection (<c>reset</c>); null for any other kind.
    /// </summary>
    public async Task<RequestOutcome?> TransportFaultAsync(HttpContext context, string? kind, Func<int, JsonObject> errorBody)
    {
        switch (kind)
        {
            case SimKinds.Timeout:
                return await HangAsync(context).ConfigureAwait(false);
            case SimKinds.Reset:
                context.Abort();
                return RequestOutcome.Reset;
            case not null when int.TryParse(kind, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status):
                await WriteJsonAsync(context, status, errorBody(status), status is 429 or 503 ? 1 : null).ConfigureAwait(false);
                return new RequestOutcome(status);
            default:
                return null;
        }
    }

    /// <summary>Never answers: waits until the client gives up or the simulator stops, then drops the connection.</summary>
    public async Task<RequestOutcome> HangAsync(HttpContext context)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, Time, both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }

        return RequestOutcome.NeverAnswered;
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // With a length the answer ends with its last byte, instead of with a chunked terminator written after the handler.
        var bytes = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>True when the request carries <c>Authorization: Bearer &lt;non-empty&gt;</c>.</summary>
    public static bool HasBearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim().Length > 0;
    }

    /// <summary>Reads the JSON body; null when it is not JSON.</summary>
    public static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
