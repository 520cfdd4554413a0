using System.Diagnostics;

namespace PromptOptimizer.Bench;

/// <summary>Shared plumbing of the scenarios: the CLI binary, the scratch folder and the standard run arguments.</summary>
internal sealed class Harness(string cli, string workRoot, bool quick, TextWriter log)
{
    public string Cli { get; } = cli;

    public bool Quick { get; } = quick;

    public TextWriter Log { get; } = log;

    /// <summary>Full-mode size, or the quick-mode size with <c>--quick</c>.</summary>
    public int Size(int full, int quickSize) => Quick ? quickSize : full;

    public string Folder(params string[] parts)
    {
        var path = Path.Combine([workRoot, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    public TopicTree Topics(string scenario, int count)
    {
        var clock = Stopwatch.StartNew();
        var tree = TopicTree.Create(Folder(scenario, "topics"), count);
        Log.WriteLine($"  generated {count:N0} topics in {clock.Elapsed.TotalSeconds:0.0}s");
        return tree;
    }

    public Task<SimulatorProcess> SimulatorAsync(CancellationToken cancellationToken, params string[] arguments) =>
        SimulatorProcess.StartAsync(Cli, arguments, cancellationToken);

    /// <summary>The flashcard run arguments every scenario shares, plus its own.</summary>
    public static List<string> RunArguments(TopicTree topics, string output, string state, bool web, params string[] extra)
    {
        var args = new List<string> { "--flashcards" };
        if (web)
        {
            args.Add("--use-web-plugin");
        }

        args.AddRange(["--provider", "openrouter", "--force", "--plain", "--topics-dir", topics.Root, "--output-dir", output, "--state-dir", state]);
        args.AddRange(extra);
        return args;
    }

    /// <summary>Resets the simulator's stats, runs the CLI, and collects stats and completion times.</summary>
    public Task<RunResult> RunAsync(SimulatorProcess sim, IReadOnlyList<string> arguments, string output, bool scanCompletions, CancellationToken cancellationToken) =>
        MeasureAsync(sim, new ProcessRunner(Cli, sim.ClientEnvironment()), arguments,
            _ => scanCompletions ? OutputScan.CompletionTimes(output) : [], cancellationToken);

    /// <summary>Resets the simulator's stats, runs a child process against it, and collects stats and completion times.</summary>
    public async Task<RunResult> MeasureAsync(SimulatorProcess sim, ProcessRunner runner, IReadOnlyList<string> arguments,
        Func<ProcessMeasurement, IReadOnlyList<DateTimeOffset>> completions, CancellationToken cancellationToken)
    {
        await sim.ResetAsync(cancellationToken);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = sim.WatchFirstRequestAsync(stopWatching.Token);
        var measurement = await runner.RunAsync(arguments, workRoot, cancellationToken);
        await stopWatching.CancelAsync();
        var first = await watcher;
        var stats = await sim.StatsAsync(cancellationToken);
        var result = new RunResult(measurement, stats, first, completions(measurement));
        Log.WriteLine(FormattableString.Invariant(
            $"  exit {measurement.ExitCode}, wall {measurement.Wall.TotalSeconds:0.00}s, cpu {measurement.CpuSeconds:0.00}s, peak RSS {measurement.PeakRssMb:0}MB, chat {stats.ChatRequests}, search {stats.SearchRequests}, first request after {result.SecondsToFirstRequest:0.000}s"));
        if (measurement.ExitCode != 0)
        {
            Log.WriteLine("  stderr: " + Tail(measurement.Stderr) + " | stdout: " + Tail(measurement.Stdout));
        }

        return result;
    }

    /// <summary>
    /// Warms the simulator up with a short run that is not measured: its JIT, Kestrel's pools and its timers. A real
    /// provider is always warm, and a cold simulator would charge its own start-up to the orchestrator's first wave.
    /// The orchestrator under measurement still starts cold, as a fresh process.
    /// </summary>
    public async Task WarmUpAsync(SimulatorProcess sim, TopicTree topics, string scenario, int count, CancellationToken cancellationToken)
    {
        var output = Folder(scenario, "warm-up", "output");
        var arguments = RunArguments(topics, output, Folder(scenario, "warm-up", "state"), web: true,
            "--concurrent", "100", "--batch-size", "100", "--batch-delay", "0", "--limit", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var measurement = await new ProcessRunner(Cli, sim.ClientEnvironment()).RunAsync(arguments, workRoot, cancellationToken);
        Log.WriteLine(FormattableString.Invariant($"  simulator warm-up: {count:N0} topics in {measurement.Wall.TotalSeconds:0.00}s, exit {measurement.ExitCode}"));
        if (measurement.ExitCode != 0)
        {
            throw new InvalidOperationException("the simulator warm-up run failed: " + Tail(measurement.Stderr));
        }
    }

    /// <summary>Runs a non-run CLI command (such as completion-status) with measurement.</summary>
    public Task<ProcessMeasurement> CommandAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        new ProcessRunner(Cli, new Dictionary<string, string>(StringComparer.Ordinal)).RunAsync(arguments, workRoot, cancellationToken);

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : text[^600..].Trim();
}
