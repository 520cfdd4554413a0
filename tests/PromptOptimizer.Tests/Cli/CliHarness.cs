using PromptOptimizer.Cli;
using PromptOptimizer.Scheduling;
using Spectre.Console.Testing;

namespace PromptOptimizer.Tests.Cli;

/// <summary>Runs the real CLI in process with captured output, a private environment and its own temp directories.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public CliHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "po-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string OutputDir => Path.Combine(Root, "output");

    public string StateDir => Path.Combine(Root, "state");

    public string TopicsDir { get; set; } = RepositoryTopics;

    public TestConsole Console { get; private set; } = NewConsole();

    /// <summary>When set, the run sees these as its Ctrl+C signals.</summary>
    public InterruptSignals? Interrupts { get; set; }

    public StringWriter Error { get; private set; } = new();

    /// <summary>The repository's sample topics.</summary>
    public static string RepositoryTopics
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptOptimizer.slnx")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "topics");
        }
    }

    public CliHarness WithEnvironment(string name, string? value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Runs one command line; directories default to this harness's unless the arguments name them.</summary>
    public async Task<int> RunAsync(params string[] args)
    {
        Console = NewConsole();
        Error = new StringWriter();
        var all = new List<string>(args);
        AddDefault(all, "--topics-dir", TopicsDir);
        AddDefault(all, "--output-dir", OutputDir);
        AddDefault(all, "--state-dir", StateDir);
        var context = new CliContext(Console, Error, name => _environment.GetValueOrDefault(name), IsInteractive: false, TimeProvider.System) { Interrupts = Interrupts };
        return await CliApp.RunAsync([.. all], context);
    }

    /// <summary>Runs a subcommand without adding run-only directory flags.</summary>
    public async Task<int> RunRawAsync(params string[] args)
    {
        Console = NewConsole();
        Error = new StringWriter();
        var context = new CliContext(Console, Error, name => _environment.GetValueOrDefault(name), IsInteractive: false, TimeProvider.System);
        return await CliApp.RunAsync(args, context);
    }

    public string Output => Console.Output;

    public IReadOnlyList<string> OutputFiles(string product) =>
        Directory.Exists(Path.Combine(OutputDir, product))
            ? Directory.GetFiles(Path.Combine(OutputDir, product), "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static TestConsole NewConsole()
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        return console;
    }

    private static void AddDefault(List<string> args, string flag, string value)
    {
        var isSubcommand = args.Count > 0 && !args[0].StartsWith('-');
        if (!isSubcommand && !args.Contains(flag))
        {
            args.Add(flag);
            args.Add(value);
        }
    }
}
