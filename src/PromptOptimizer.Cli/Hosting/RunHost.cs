using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using PromptOptimizer.Batching;
using PromptOptimizer.Cli.Configuration;
using PromptOptimizer.LocalSources;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Simulator;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>
/// The composition root of a batch run: HTTP clients (pointed at the simulator with <c>--provider sim</c>), rate
/// limiters, the resilient provider, the pipeline and the engine. Disposes what it started.
/// </summary>
internal sealed class RunHost(HttpClient http, ProviderSimulator? simulator, RateLimiter? exaLimiter, RateLimiter? chatLimiter, ResilientProvider provider, PriceTable prices, TimeProvider time,
    IBatchApi batchApi) : IAsyncDisposable
{
    public ResilientProvider Provider { get; } = provider;

    /// <summary>The Batch API backend of a <c>--batch-api</c> run, made with its first runner; null otherwise.</summary>
    public BatchingChatBackend? Batching { get; private set; }

    /// <summary>Environment variable names, as the original tool used them.</summary>
    private const string OpenRouterKeyVariable = "OPENROUTER_API_KEY", ExaKeyVariable = "EXA_API_KEY", OpenRouterBaseVariable = "OPENROUTER_BASE_URL", ExaBaseVariable = "EXA_BASE_URL";

    /// <summary>Checks keys and endpoints before anything starts; returns a usage error or null.</summary>
    public static string? CheckKeys(RunSettings settings, Func<string, string?> env, bool needsExa) =>
        settings.Provider == "sim" ? null
        : string.IsNullOrWhiteSpace(env(OpenRouterKeyVariable))
            ? $"{OpenRouterKeyVariable} is not set. Set it to your OpenRouter key, or use --provider sim to run offline against the built-in simulator."
        : needsExa && string.IsNullOrWhiteSpace(env(ExaKeyVariable))
            ? $"{ExaKeyVariable} is not set (direct Exa research needs it). Set it, use --use-web-plugin to research through OpenRouter, or --provider sim to run offline."
        : CheckBaseUrl(env, OpenRouterBaseVariable) ?? CheckBaseUrl(env, ExaBaseVariable);

    /// <summary>A set base URL must be an absolute http(s) URL; checked before anything starts, not found by a crash later.</summary>
    private static string? CheckBaseUrl(Func<string, string?> env, string variable) =>
        env(variable) is { Length: > 0 } value
        && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            ? $"{variable} must be an absolute http(s) URL, e.g. https://openrouter.ai/api/v1 (got '{value}')."
            : null;

    /// <param name="sharedLimits">With a PostgreSQL store, <c>--exa-qps</c> and <c>--rpm</c> hold across every process using it.</param>
    public static async Task<RunHost> StartAsync(
        RunSettings settings, Func<string, string?> env, PriceTable prices, TimeProvider time, IWorkQueue? sharedLimits, CancellationToken cancellationToken)
    {
        var simulator = settings.Provider != "sim" ? null : await ProviderSimulator.StartAsync(new SimulatorOptions
        {
            LatencyMs = settings.SimLatencyMs,
            LatencySigma = settings.SimLatencySigma,
            Seed = settings.SimSeed,
            Faults = settings.SimFaults is { } spec ? FaultSpec.Parse(spec) : FaultSpec.None,
            ExaQps = settings.SimExaQps,
            BatchLatency = TimeSpan.FromSeconds(settings.SimBatchLatencySeconds),
        }, cancellationToken).ConfigureAwait(false);
        var chatEndpoint = simulator is not null ? new ProviderEndpoint(simulator.OpenRouterBaseUri, "sim-openrouter-key")
            : new ProviderEndpoint(new Uri(env(OpenRouterBaseVariable) is { Length: > 0 } o ? o : "https://openrouter.ai/api/v1"), env(OpenRouterKeyVariable));
        var exaEndpoint = simulator is not null ? new ProviderEndpoint(simulator.ExaBaseUri, "sim-exa-key")
            : new ProviderEndpoint(new Uri(env(ExaBaseVariable) is { Length: > 0 } e ? e : "https://api.exa.ai"), env(ExaKeyVariable));
        var redactor = new SecretRedactor([chatEndpoint.ApiKey, exaEndpoint.ApiKey]);
        var http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            // Per-attempt timeouts belong to the resilience pipeline.
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var exaLimiter = sharedLimits is null ? RateLimiters.PerSecond(settings.ExaQps) : sharedLimits.CreateRateLimiter(SharedRateLimiterOptions.PerSecond(ExaClient.ProviderName, settings.ExaQps).WithArrivalMargin());
        var chatLimiter = settings.Rpm is not { } rpm ? null
            : sharedLimits is null ? RateLimiters.PerMinute(rpm) : sharedLimits.CreateRateLimiter(SharedRateLimiterOptions.PerMinute(OpenRouterClient.ProviderName, rpm).WithArrivalMargin());
        var resilience = new ResilienceOptions(settings.MaxRetries, TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
            TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(settings.ProviderOutageSeconds));
        var provider = new ResilientProvider(new OpenRouterClient(http, chatEndpoint, redactor), new ExaClient(http, exaEndpoint, redactor), resilience, time, prices, chatLimiter, exaLimiter);
        return new RunHost(http, simulator, exaLimiter, chatLimiter, provider, prices, time, new OpenRouterBatchClient(http, chatEndpoint, redactor, time));
    }

    /// <summary>The per-topic work of a run (or of a worker's claimed topics) with these settings.</summary>
    public TopicRunner CreateRunner(RunSettings settings, TopicLoader loader, ICompletionStore store, OutputPaths paths, LocalLibrary? library = null) =>
        TopicRunner.Create(settings, Provider, loader, store, paths, prices, time, library,
            settings.BatchApi ? Batching ??= new BatchingChatBackend(batchApi, store.Batches, settings.BatchingOptions(store.WorkQueue is not null), prices, time) : null);

    /// <summary>The <c>--prices</c> file, else the configuration file's <c>prices</c> section, else the built-in table; or why it cannot be read.</summary>
    public static (PriceTable? Prices, string? Error) LoadPrices(string? file, JsonElement? configPrices = null) => PriceTable.Load(file, configPrices, ConfigLayer.DefaultFileName);

    public async ValueTask DisposeAsync()
    {
        if (Batching is not null)
        {
            await Batching.DisposeAsync().ConfigureAwait(false);
        }

        Provider.Dispose();
        http.Dispose();
        exaLimiter?.Dispose();
        chatLimiter?.Dispose();
        if (simulator is not null)
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
