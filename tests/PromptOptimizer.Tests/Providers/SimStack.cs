using System.Threading.RateLimiting;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Providers;

/// <summary>An in-process simulator on loopback and the real client stack wired to it, as the CLI wires it.</summary>
internal sealed class SimStack : IAsyncDisposable
{
    public const string ChatKey = "sk-or-v1-FTESTS-distinctive-chat-key-31337";
    public const string ExaKey = "exa-FTESTS-distinctive-search-key-424242";

    private SimStack(ProviderSimulator simulator, HttpClient http, ResilientProvider provider)
    {
        Simulator = simulator;
        Http = http;
        Provider = provider;
    }

    public ProviderSimulator Simulator { get; }

    public HttpClient Http { get; }

    public ResilientProvider Provider { get; }

    /// <summary>Tiny backoff so retries cost milliseconds.</summary>
    public static ResilienceOptions FastRetries(int maxRetries = 3, TimeSpan? requestTimeout = null) =>
        new(maxRetries, requestTimeout ?? TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    public static async Task<SimStack> StartAsync(ResilienceOptions? resilience = null, SimulatorOptions? options = null, string? chatKey = ChatKey, RateLimiter? exaLimiter = null)
    {
        var simulator = await ProviderSimulator.StartAsync(options ?? new SimulatorOptions(), CancellationToken.None);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return new(simulator, http, Build(http, resilience ?? FastRetries(), chatKey, simulator.OpenRouterBaseUri, simulator.ExaBaseUri, exaLimiter));
    }

    /// <summary>A stack whose HTTP goes to <paramref name="handler"/> instead of a simulator (for answers the simulator never gives).</summary>
    public static ResilientProvider WithHandler(HttpMessageHandler handler, ResilienceOptions? resilience = null)
    {
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        return Build(http, resilience ?? FastRetries(), ChatKey, new Uri("http://127.0.0.1:9/api/v1"), new Uri("http://127.0.0.1:9"));
    }

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        Http.Dispose();
        await Simulator.DisposeAsync();
    }

    private static ResilientProvider Build(HttpClient http, ResilienceOptions resilience, string? chatKey, Uri chatBase, Uri exaBase, RateLimiter? exaLimiter = null)
    {
        var chatEndpoint = new ProviderEndpoint(chatBase, chatKey);
        var exaEndpoint = new ProviderEndpoint(exaBase, ExaKey);
        var redactor = new SecretRedactor([chatKey, ExaKey]);
        return new ResilientProvider(
            new OpenRouterClient(http, chatEndpoint, redactor),
            new ExaClient(http, exaEndpoint, redactor),
            resilience,
            TimeProvider.System,
            PriceTable.Default,
            exaLimiter: exaLimiter);
    }
}
