using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PromptOptimizer.Simulator;

/// <summary>
/// A real HTTP server on 127.0.0.1 speaking OpenRouter's chat completions and Batch API and Exa's search, with seeded latency,
/// faults, scripts, rate limits and statistics.
/// </summary>
internal sealed class ProviderSimulator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly SimulatorCore _core;
    private int _disposed;

    private ProviderSimulator(WebApplication app, CancellationTokenSource stopping, SimulatorCore core, Uri baseUri)
    {
        _app = app;
        _stopping = stopping;
        _core = core;
        BaseUri = baseUri;
        OpenRouterBaseUri = new Uri(baseUri, "api/v1");
        ExaBaseUri = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary><c>http://127.0.0.1:PORT/api/v1</c>; clients post to <c>{this}/chat/completions</c>.</summary>
    public Uri OpenRouterBaseUri { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>; clients post to <c>{this}/search</c>.</summary>
    public Uri ExaBaseUri { get; }

    public SimulatorOptions Options => _core.Options;

    /// <summary>Scripts added but not yet used up.</summary>
    public int PendingScripts => _core.Scripts.Pending;

    public static Task<ProviderSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    public static async Task<ProviderSimulator> StartAsync(
        SimulatorOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);

            // A batch may be as large as OpenRouter allows; the endpoint answers 400 above that, not Kestrel 413.
            kestrel.Limits.MaxRequestBodySize = BatchEndpoint.MaxBytes + 1;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var core = new SimulatorCore(options, time, stopping.Token);
        Map(app, core);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        return new ProviderSimulator(app, stopping, core, baseUri);
    }

    public SimulatorStats GetStats() => _core.Stats.Snapshot();

    public void ResetStats() => _core.Stats.Reset();

    /// <summary>Answered requests' latencies (ms) per endpoint in arrival order since the last reset; also <c>GET /_sim/latencies</c>.</summary>
    public Dictionary<string, double[]> GetLatencies() => _core.Stats.LatenciesInArrivalOrder();

    /// <summary>Answered requests' arrival times (ms after the first) per endpoint since the last reset; also <c>GET /_sim/arrivals</c>.</summary>
    public Dictionary<string, double[]> GetArrivals() => _core.Stats.ArrivalOffsets();

    /// <summary>Queues a forced behaviour; scripts take precedence over rate-based faults.</summary>
    public void AddScript(SimScript script) => _core.Scripts.Add(script);

    public void ClearScripts() => _core.Scripts.Clear();

    /// <summary>Stops the server; requests hanging in a <c>timeout</c> fault are released (their connections dropped).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var deadline = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(deadline.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static void Map(WebApplication app, SimulatorCore core)
    {
        var chat = new ChatEndpoint(core);
        var search = new SearchEndpoint(core);
        foreach (var path in new[] { "/api/v1/chat/completions", "/v1/chat/completions", "/chat/completions" })
        {
            app.MapPost(path, (RequestDelegate)chat.HandleAsync);
        }

        app.MapPost("/search", (RequestDelegate)search.HandleAsync);
        var batches = new BatchEndpoint(core, new BatchStore(core, chat));
        foreach (var prefix in new[] { "/api/v1/batches", "/api/beta/batches", "/v1/batches" })
        {
            app.MapPost(prefix, (RequestDelegate)batches.SubmitAsync);
            app.MapGet(prefix, (RequestDelegate)batches.ListAsync);
            app.MapGet(prefix + "/{id}", (RequestDelegate)batches.GetAsync);
            app.MapGet(prefix + "/{id}/results", (RequestDelegate)batches.ResultsAsync);
            app.MapPost(prefix + "/{id}/cancel", (RequestDelegate)batches.CancelAsync);
            app.MapDelete(prefix + "/{id}", (RequestDelegate)batches.DeleteAsync);
        }

        app.MapGet("/api/v1/key", (RequestDelegate)(context => SimulatorCore.WriteJsonAsync(context, 200, KeyInfo())));
        app.MapGet("/_sim/stats", (RequestDelegate)(context => WriteStatsAsync(context, core.Stats.Snapshot())));
        app.MapGet("/_sim/latencies", (RequestDelegate)(context => WriteSeriesAsync(context, core.Stats.LatenciesInArrivalOrder())));
        app.MapGet("/_sim/arrivals", (RequestDelegate)(context => WriteSeriesAsync(context, core.Stats.ArrivalOffsets())));
        app.MapPost("/_sim/reset", (RequestDelegate)(context =>
        {
            core.Stats.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
    }

    private static Task WriteSeriesAsync(HttpContext context, Dictionary<string, double[]> series)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, series, SimulatorJsonContext.Default.DictionaryStringDoubleArray, context.RequestAborted);
    }

    private static JsonObject KeyInfo() => new()
    {
        ["data"] = new JsonObject
        {
            ["label"] = "sim",
            ["limit"] = null,
            ["limit_remaining"] = null,
            ["usage"] = 0,
            ["is_free_tier"] = false,
        },
    };

    private static async Task WriteStatsAsync(HttpContext context, SimulatorStats stats)
    {
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, stats, SimulatorJsonContext.Default.SimulatorStats, context.RequestAborted)
            .ConfigureAwait(false);
    }
}
