using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Bench;

/// <summary><c>prompt-optimizer simulate</c> as a separate child process on an ephemeral port.</summary>
internal sealed partial class SimulatorProcess : IAsyncDisposable
{
    private static readonly string[] SimulateCommand = ["simulate", "--port", "0"];
    private readonly Process _process;
    private readonly HttpClient _http;

    private SimulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }

    /// <summary>Environment that points the CLI's real clients at this simulator.</summary>
    public Dictionary<string, string> ClientEnvironment() => new(StringComparer.Ordinal)
    {
        ["OPENROUTER_BASE_URL"] = new Uri(BaseUri, "api/v1").ToString().TrimEnd('/'),
        ["EXA_BASE_URL"] = BaseUri.GetLeftPart(UriPartial.Authority),
        ["OPENROUTER_API_KEY"] = "bench",
        ["EXA_API_KEY"] = "bench",
    };

    public static async Task<SimulatorProcess> StartAsync(string cli, IEnumerable<string> simArguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in SimulateCommand.Concat(simArguments))
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the simulator");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                // Keep draining its output so a full pipe never blocks the simulator.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new SimulatorProcess(process, new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
            }
        }

        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        throw new InvalidOperationException("simulator did not start: " + error);
    }

    /// <summary>User + system CPU the simulator has used so far.</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri("_sim/reset", UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<SimStats> StatsAsync(CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri("_sim/stats", UriKind.Relative), cancellationToken);
        return SimStats.Parse(JsonNode.Parse(text) ?? throw new InvalidOperationException("empty stats"));
    }

    /// <summary>Answered chat requests' latencies (ms) since the last reset, in the order they arrived.</summary>
    public Task<double[]> ChatLatenciesAsync(CancellationToken cancellationToken) => SeriesAsync("_sim/latencies", "chat", cancellationToken);

    /// <summary>When the answered search requests since the last reset arrived: ms after the first, in order.</summary>
    public Task<double[]> SearchArrivalsAsync(CancellationToken cancellationToken) => SeriesAsync("_sim/arrivals", "search", cancellationToken);

    /// <summary>
    /// Polls the stats until the first request arrives and returns when it was seen (resolution ~5 ms). Only polls while
    /// the stats are tiny, so it does not load the simulator once the run is going.
    /// </summary>
    public async Task<DateTimeOffset?> WatchFirstRequestAsync(CancellationToken cancellationToken)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        try
        {
            while (await poll.WaitForNextTickAsync(cancellationToken))
            {
                var text = await _http.GetStringAsync(new Uri("_sim/stats", UriKind.Relative), cancellationToken);
                var seen = DateTimeOffset.UtcNow;
                if (JsonNode.Parse(text)?["requests"] is JsonObject requests && requests.Any(kv => kv.Value?.GetValue<long>() > 0))
                {
                    return seen;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended without any request.
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await ChildProcess.EndAsync(_process);
    }

    public static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/?)")]
    private static partial Regex ListeningLine();

    private async Task<double[]> SeriesAsync(string path, string endpoint, CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return JsonNode.Parse(text)?[endpoint] is JsonArray values ? values.Select(v => v!.GetValue<double>()).ToArray() : [];
    }
}
