using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using PromptOptimizer.Cli;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>
/// What the database outage tests share: the simulator as its own process, web-plugin flashcard topics enqueued in a
/// test's database, and worker processes of the real CLI that reach the database through a <see cref="TcpRelay"/> each
/// test can cut, with their own output folder (<c>out&lt;n&gt;</c>) and the flags the test gives.
/// </summary>
internal sealed class OutageRig : IAsyncDisposable
{
    private readonly CliHarness _cli;
    private readonly string _connectionString;
    private readonly Dictionary<string, string> _environment;
    private readonly List<TcpRelay> _relays = [];

    private OutageRig(CliHarness cli, string connectionString, SimulatorChild sim)
    {
        _cli = cli;
        _connectionString = connectionString;
        Sim = sim;
        _environment = new Dictionary<string, string>
        {
            ["OPENROUTER_API_KEY"] = "outage-test-openrouter-key",
            ["EXA_API_KEY"] = "outage-test-exa-key",
            ["OPENROUTER_BASE_URL"] = sim.OpenRouterBaseUri.AbsoluteUri,
            ["EXA_BASE_URL"] = sim.ExaBaseUri.AbsoluteUri,
        };
    }

    public SimulatorChild Sim { get; }

    /// <summary>Starts the simulator (answers in about 30 ms unless told) and enqueues <paramref name="topics"/> web-plugin flashcard topics.</summary>
    public static async Task<OutageRig> StartAsync(CliHarness cli, string connectionString, int topics, string latencyMs = "30", string latencySigma = "0.3")
    {
        var sim = await SimulatorChild.StartAsync("--latency", latencyMs, "--latency-sigma", latencySigma);
        var directory = TopicFiles.Create(cli.Root, topics, categories: 3, cardCount: 3);
        Assert.Equal(ExitCodes.Success, await cli.RunRawAsync("enqueue", "--flashcards", "--use-web-plugin", "--topics-dir", directory, "--store", connectionString));
        return new OutageRig(cli, connectionString, sim);
    }

    /// <summary>A new relay to the test's database server, for workers that must lose the database together.</summary>
    public TcpRelay Relay()
    {
        var server = new NpgsqlConnectionStringBuilder(_connectionString);
        var relay = TcpRelay.Start(server.Host!, server.Port);
        _relays.Add(relay);
        return relay;
    }

    /// <summary>Worker <paramref name="n"/> through <paramref name="relay"/> (directly to the server when null), writing to <c>out&lt;n&gt;</c>.</summary>
    public CliProcess Worker(int n, TcpRelay? relay, params string[] flags)
    {
        var store = relay is null
            ? _connectionString
            : new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 5 }.ConnectionString;
        return CliProcess.Start(
            ["work", "--concurrent", "10", "--poll-seconds", "0.3", "--claim-batch", "5", "--grace", "1", "--output-dir", OutputDir(n), .. flags],
            new Dictionary<string, string>(_environment) { ["PROMPT_OPTIMIZER_STORE"] = store });
    }

    /// <summary>Output files worker <paramref name="n"/> wrote.</summary>
    public int OutputCount(int n) => Directory.Exists(OutputDir(n)) ? Directory.GetFiles(OutputDir(n), "*.json", SearchOption.AllDirectories).Length : 0;

    /// <summary>
    /// Generation calls bought twice, as the provider counts them: well-formed flashcard answers beyond the first, per topic
    /// title. Asserts that every one of <paramref name="topics"/> was generated at least once.
    /// </summary>
    public async Task<int> BoughtTwiceAsync(int topics)
    {
        var stats = await Sim.GetStatsAsync();
        var generated = stats.Topics.Values.Where(t => t.Flashcards > 0).ToList();
        Assert.Equal(topics, generated.Count);
        return generated.Sum(t => t.Flashcards - 1);
    }

    /// <summary>
    /// Completed rows that paid for two generations: a completion adds its run's cost to the row, so a topic recorded
    /// completed by two runs costs twice as much as any other (every topic's generation costs about the same here).
    /// </summary>
    public const string CompletedTwice =
        "status = 'completed' AND cost_nano_usd >= 2 * (SELECT min(cost_nano_usd) FROM topics WHERE status = 'completed')";

    /// <summary>One count from a worker's summary line ("Worker … done: claimed 12, completed 10, …").</summary>
    public static int SummaryCount(CliProcess worker, string name) =>
        Regex.Match(worker.Output, @"Worker \S+ (?:done|stopped): .*?\b" + name + @" (\d+)") is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no '{name}' count in the worker's summary:\n{worker.Output}");

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            await relay.DisposeAsync();
        }

        await Sim.DisposeAsync();
    }

    private string OutputDir(int n) => Path.Combine(_cli.Root, "out" + n.ToString(CultureInfo.InvariantCulture));
}

