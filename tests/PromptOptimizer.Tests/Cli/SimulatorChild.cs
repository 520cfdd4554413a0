using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Cli;

/// <summary>
/// <c>prompt-optimizer simulate</c> as its own process, for tests that measure what a provider sees per second. In the
/// test host the simulator shares a thread pool and a garbage collector with xunit and the test itself, and a pause
/// there holds back arrivals that were sent on time, then counts them all at once, as if they had come in a burst.
/// A provider runs on its own machines; its own process is the closest stand-in.
/// </summary>
internal sealed partial class SimulatorChild : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string[] _options;
    private CliProcess _process;

    private SimulatorChild(CliProcess process, Uri baseUri, string[] options)
    {
        _process = process;
        _options = options;
        BaseUri = baseUri;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }

    public Uri OpenRouterBaseUri => new(BaseUri, "api/v1");

    public Uri ExaBaseUri => new(BaseUri.GetLeftPart(UriPartial.Authority));

    /// <summary>Starts the simulator on a free port with the given <c>simulate</c> options and waits until it listens.</summary>
    public static async Task<SimulatorChild> StartAsync(params string[] options)
    {
        var (process, baseUri) = await StartProcessAsync(0, options);
        return new SimulatorChild(process, baseUri, options);
    }

    /// <summary>SIGKILL, as a provider that goes away: connections are reset, then refused.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Starts the simulator again, with its options, on the port it had (after <see cref="KillAsync"/>).</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        (_process, _) = await StartProcessAsync(BaseUri.Port, _options);
    }

    private static async Task<(CliProcess Process, Uri BaseUri)> StartProcessAsync(int port, string[] options)
    {
        var process = CliProcess.Start(["simulate", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. options], new Dictionary<string, string>());
        Match? listening = null;
        try
        {
            await ProcessWait.UntilAsync(() => (listening = ListeningLine().Match(process.Output)).Success || process.HasExited, TimeSpan.FromSeconds(60), "the simulator's listening line");
        }
        catch (TimeoutException)
        {
            process.Dispose();
            throw;
        }

        if (listening is not { Success: true })
        {
            var output = process.Output;
            process.Dispose();
            throw new InvalidOperationException("the simulator did not start:\n" + output);
        }

        return (process, new Uri(listening.Groups[1].Value.TrimEnd('/') + "/"));
    }

    public async Task<SimulatorStats> GetStatsAsync() =>
        await _http.GetFromJsonAsync(new Uri("_sim/stats", UriKind.Relative), SimulatorJsonContext.Default.SimulatorStats)
        ?? throw new InvalidOperationException("empty simulator stats");

    /// <summary>The arrival offsets (milliseconds since the last reset, in order) of the requests to one endpoint.</summary>
    public async Task<IReadOnlyList<double>> GetArrivalsAsync(string endpoint)
    {
        var arrivals = await _http.GetFromJsonAsync(new Uri("_sim/arrivals", UriKind.Relative), SimulatorJsonContext.Default.DictionaryStringDoubleArray);
        return arrivals?.GetValueOrDefault(endpoint) ?? [];
    }

    public async Task ResetStatsAsync()
    {
        using var response = await _http.PostAsync(new Uri("_sim/reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/?)")]
    private static partial Regex ListeningLine();
}
