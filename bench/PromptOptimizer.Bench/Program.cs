using System.Diagnostics;
using PromptOptimizer.Bench;

// Drives the real CLI binary against the simulator (both child processes) and checks the targets.
if (args.Length == 4 && args[0] == NullClient.Mode)
{
    return await NullClient.RunChildAsync(args);
}

var quick = args.Contains("--quick");
var noBuild = args.Contains("--no-build");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var repo = RepoRoot.Find();
// The CLI is measured as shipped: a Release publish for this machine's runtime, which the CLI project compiles to
// one native executable (Native AOT), so start-up and the first waves run without the JIT (docs/benchmarks.md).
var cliFolder = Path.Combine(repo, "artifacts", "bench-cli");
var cli = Path.Combine(cliFolder, "prompt-optimizer");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (!noBuild)
{
    Console.WriteLine($"Publishing the CLI (Release, Native AOT) to {Path.GetRelativePath(repo, cliFolder)}...");
    using var publish = Process.Start("dotnet", [
        "publish", Path.Combine(repo, "src", "PromptOptimizer.Cli"), "-c", "Release", "--ucr", "-o", cliFolder, "-v", "q", "-nologo"]);
    await publish.WaitForExitAsync(cancel.Token);
    if (publish.ExitCode != 0)
    {
        Console.Error.WriteLine("CLI publish failed.");
        return 1;
    }
}
else if (!File.Exists(cli))
{
    Console.Error.WriteLine($"--no-build: no published CLI at {cli}; run the bench once without --no-build.");
    return 1;
}

var work = Path.Combine(Path.GetTempPath(), $"po-bench-{Environment.ProcessId}");
Directory.CreateDirectory(work);
var harness = new Harness(cli, work, quick, Console.Out);
var results = Path.Combine(repo, "bench", "results");
Directory.CreateDirectory(results);
var metrics = new List<Metric>();
var suite = Stopwatch.StartNew();
bool Selected(string name) => only is null || name.StartsWith(only, StringComparison.Ordinal);

try
{
    if (Selected(SchedulerScenario.Name))
    {
        Console.WriteLine($"[{SchedulerScenario.Name}]");
        var (m, rolling, strict) = await SchedulerScenario.RunAsync(harness, cancel.Token);
        metrics.AddRange(m);
        ThroughputChart.Write(Path.Combine(results, quick ? "throughput-quick.png" : "throughput.png"), rolling, strict, SchedulerScenario.Ceiling(rolling));
    }

    foreach (var (name, scenario) in new (string, Func<Harness, CancellationToken, Task<List<Metric>>>)[]
    {
        (DeclaredLimitScenario.Name, DeclaredLimitScenario.RunAsync),
        (UndeclaredLimitScenario.Name, UndeclaredLimitScenario.RunAsync),
        (OverheadScenario.Name, OverheadScenario.RunAsync),
        (ScaleScenario.Name, ScaleScenario.RunAsync),
        (TrackingScenario.Name, TrackingScenario.RunAsync),
        (BatchApiScenario.Name, BatchApiScenario.RunAsync),
        (LocalSourcesScenario.Name, LocalSourcesScenario.RunAsync),
        (ReviewScenario.Name, ReviewScenario.RunAsync),
    })
    {
        if (Selected(name))
        {
            Console.WriteLine($"[{name}]");
            metrics.AddRange(await scenario(harness, cancel.Token));
        }
    }
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted; reporting what was measured.");
}

metrics.Add(Metric.Info("suite", quick ? "quick suite wall s" : "full suite wall s", suite.Elapsed.TotalSeconds));
ResultsWriter.PrintTable(Console.Out, metrics);
var json = Path.Combine(results, quick ? "latest-quick.json" : "latest.json");
ResultsWriter.WriteJson(json, metrics);
Console.WriteLine($"Wrote {Path.GetRelativePath(repo, json)}");

// Results first: deleting a 100,000-topic scratch tree takes a while on a busy disk.
if (!args.Contains("--keep"))
{
    Console.WriteLine($"Deleting {work}...");
    Directory.Delete(work, recursive: true);

    // ext4 without a journal (this VM's root) scans past inodes freed recently on every file it creates, for longer while
    // their inode table is unwritten, so a bench started soon after another pays kernel CPU per output file. Writing the
    // deletes out shortens that.
    using var sync = Process.Start("sync");
    await sync.WaitForExitAsync(CancellationToken.None);
}

return metrics.Any(m => m.Pass == false) ? 2 : 0;
