using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;

namespace PromptOptimizer.Bench;

/// <summary>
/// The physical ceiling of scenario 1 on this machine: a fresh process that does nothing but send the CLI's chat request
/// through <see cref="HttpClient"/> with <c>concurrency</c> workers, against the same simulator. No topic files, no
/// validation, no output files, no database, no rate limiter. Whatever it loses (the tail, the loopback transport, a cold
/// process and two shared cores) no orchestrator can win back; the orchestrator's own cost is the gap to it.
/// </summary>
internal static class NullClient
{
    public const string Mode = "--null-client";
    private const string RequestFile = "NullClientRequest.json";

    /// <summary>Runs the null client as a child process of the bench and measures it like a CLI run.</summary>
    public static async Task<RunResult> MeasureAsync(Harness h, SimulatorProcess sim, int count, int concurrency, CancellationToken cancellationToken)
    {
        var (executable, prefix) = Self();
        var arguments = new List<string>(prefix) { Mode, sim.ClientEnvironment()["OPENROUTER_BASE_URL"], Invariant(count), Invariant(concurrency) };
        var run = await h.MeasureAsync(sim, new ProcessRunner(executable, new Dictionary<string, string>(StringComparer.Ordinal)), arguments,
            measurement => measurement.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(line, CultureInfo.InvariantCulture)))
                .Order()
                .ToList(),
            cancellationToken);
        return run.Process.ExitCode == 0 ? run : throw new InvalidOperationException("the null client failed: " + run.Process.Stderr.Trim());
    }

    /// <summary>The child: <c>--null-client BASE_URL COUNT CONCURRENCY</c>; prints each answer's Unix time in ms.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var baseUrl = args[1].TrimEnd('/') + "/";
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, RequestFile));
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench");
        var answered = new long[count];
        var next = -1;
        var failures = 0;

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri("chat/completions", UriKind.Relative), content);
                _ = await response.Content.ReadAsStringAsync();
                answered[i] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        Console.Out.Write(string.Join('\n', answered.Select(Invariant)));
        if (failures > 0)
        {
            await Console.Error.WriteLineAsync(Invariant(failures) + " requests were not answered with 200");
            return 1;
        }

        return 0;
    }

    /// <summary>This bench's own executable: the apphost, or <c>dotnet</c> plus the assembly when run that way.</summary>
    private static (string Executable, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [Assembly.GetExecutingAssembly().Location])
            : (path, []);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
