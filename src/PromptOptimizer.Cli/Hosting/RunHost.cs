using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using PromptOptimizer.Cli.Configuration;
using PromptOptimizer.Generation;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Research;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Simulator;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>
/// The composition root of a batch run: HTTP clients (pointed at the simulator with <c>--provider sim</c>), rate
/// limiters, the resilient provider, the pipeline and the engine. Disposes what it started.
/// </summary>
internal sealed class RunHost : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ProviderSimulator? _simulator;
    private readonly RateLimiter? _exaLimiter;
    private readonly RateLimiter? _chatLimiter;

    private RunHost(HttpClient http, ProviderSimulator? simulator, RateLimiter? exaLimiter, RateLimiter? chatLimiter, ResilientProvider provider, PriceTable prices)
    {
        _http = http;
        _simulator = simulator;
        _exaLimiter = exaLimiter;
        _chatLimiter = chatLimiter;
        Provider = provider;
        Prices = prices;
    }

    public ResilientProvider Provider { get; }

    public PriceTable Prices { get; }

    public ProviderSimulator? Simulator => _simulator;

    /// <summary>Environment variable names, as the original tool used them.</summary>
    public const string OpenRouterKeyVariable = "OPENROUTER_API_KEY";
    public const string ExaKeyVariable = "EXA_API_KEY";
    public const string OpenRouterBaseVariable = "OPENROUTER_BASE_URL";
    public const string ExaBaseVariable = "EXA_BASE_URL";

    /// <summary>Checks keys before anything starts; returns a usage error or null.</summary>
    public static string? CheckKeys(RunSettings settings, Func<string, string?> env, bool needsExa)
    {
        if (settings.Provider == "sim")
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(env(OpenRouterKeyVariable)))
        {
            return $"{OpenRouterKeyVariable} is not set. Set it to your OpenRouter key, or use --provider sim to run offline against the built-in simulator.";
        }

        if (needsExa && string.IsNullOrWhiteSpace(env(ExaKeyVariable)))
        {
            return $"{ExaKeyVariable} is not set (direct Exa research needs it). Set it, use --use-web-plugin to research through OpenRouter, or --provider sim to run offline.";
        }

        return CheckBaseUrl(env, OpenRouterBaseVariable) ?? CheckBaseUrl(env, ExaBaseVariable);
    }

    /// <summary>A set base URL must be an absolute http(s) URL; checked before anything starts, not found by a crash later.</summary>
    private static string? CheckBaseUrl(Func<string, string?> env, string variable) =>
        env(variable) is { Length: > 0 } value
        && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            ? $"{variable} must be an absolute http(s) URL, e.g. https://openrouter.ai/api/v1 (got '{value}')."
            : null;

    public static Task<RunHost> StartAsync(RunSettings settings, Func<string, string?> env, PriceTable prices, TimeProvider time, CancellationToken cancellationToken) =>
        StartAsync(settings, env, prices, time, null, cancellationToken);

    /// <param name="sharedLimits">With a PostgreSQL store, <c>--exa-qps</c> and <c>--rpm</c> hold across every process using it.</param>
    public static async Task<RunHost> StartAsync(
        RunSettings settings, Func<string, string?> env, PriceTable prices, TimeProvider time, IWorkQueue? sharedLimits, CancellationToken cancellationToken)
    {
        ProviderSimulator? simulator = null;
        ProviderEndpoint chatEndpoint, exaEndpoint;
        if (settings.Provider == "sim")
        {
            simulator = await ProviderSimulator.StartAsync(new SimulatorOptions
            {
                LatencyMs = settings.SimLatencyMs,
                LatencySigma = settings.SimLatencySigma,
                Seed = settings.SimSeed,
                Faults = settings.SimFaults is { } spec ? FaultSpec.Parse(spec) : FaultSpec.None,
                ExaQps = settings.SimExaQps,
            }, cancellationToken).ConfigureAwait(false);
            chatEndpoint = new ProviderEndpoint(simulator.OpenRouterBaseUri, "sim-openrouter-key");
            exaEndpoint = new ProviderEndpoint(simulator.ExaBaseUri, "sim-exa-key");
        }
        else
        {
            chatEndpoint = new ProviderEndpoint(new Uri(env(OpenRouterBaseVariable) is { Length: > 0 } o ? o : "https://openrouter.ai/api/v1"), env(OpenRouterKeyVariable));
            exaEndpoint = new ProviderEndpoint(new Uri(env(ExaBaseVariable) is { Length: > 0 } e ? e : "https://api.exa.ai"), env(ExaKeyVariable));
        }

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

        var exaLimiter = sharedLimits is null ? RateLimiters.PerSecond(settings.ExaQps) : SharedLimits.ExaLimiter(sharedLimits, settings.ExaQps);
        var chatLimiter = settings.Rpm is not { } rpm ? null : sharedLimits is null ? RateLimiters.PerMinute(rpm) : SharedLimits.ChatLimiter(sharedLimits, rpm);
        var resilience = new ResilienceOptions(settings.MaxRetries, TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
            TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs), TimeSpan.FromSeconds(60));
        var provider = new ResilientProvider(
            new OpenRouterClient(http, chatEndpoint, redactor),
            new ExaClient(http, exaEndpoint, redactor),
            resilience, time, prices, chatLimiter, exaLimiter);
        return new RunHost(http, simulator, exaLimiter, chatLimiter, provider, prices);
    }

    public TopicPipeline CreatePipeline(RunSettings settings, GenerationOptions generation, OutputPaths paths, TimeProvider time)
    {
        var chat = new ValidatedChat(Provider, generation);
        return new TopicPipeline(
            settings.Variant,
            settings.UseWebPlugin,
            new ExaResearcher(Provider, generation.SearchResults),
            new FlashcardGenerator(chat, generation, new FlashcardValidator()),
            new SystemPromptOptimizer(chat, generation, new PromptValidator(), RubricWeights.Default),
            generation,
            paths,
            time);
    }

    public static PriceTable LoadPrices(string? file, JsonElement? configPrices = null)
    {
        if (file is null)
        {
            return configPrices is { } section ? PriceTable.Parse(section, ConfigLayer.DefaultFileName) : PriceTable.Default;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return PriceTable.Parse(document.RootElement, file);
    }

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        _http.Dispose();
        _exaLimiter?.Dispose();
        _chatLimiter?.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
