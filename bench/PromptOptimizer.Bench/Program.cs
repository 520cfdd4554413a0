using System.Diagnostics;
using PromptOptimizer.Bench;

// Drives the real CLI binary against the simulator (both child processes) and checks the targets.
var quick = args.Contains("--quick");
var noBuild = args.Contains("--no-build");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var repo = RepoRoot.Find();
var cli = Path.Combine(repo, "src", "PromptOptimizer.Cli", "bin", "Release", "net10.0", "prompt-optimizer");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (!noBuild)
{
    Console.WriteLine("Building the CLI (Release)...");
    using var build = Process.Start("dotnet", ["build", Path.Combine(repo, "src", "PromptOptimizer.Cli"), "-c", "Release", "-v", "q", "-nologo"]);
    await build.WaitForExitAsync(cancel.Token);
    if (build.ExitCode != 0)
    {
        Console.Error.WriteLine("CLI build failed.");
        return 1;
    }
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
}

return metrics.Any(m => m.Pass == false) ? 2 : 0;
