using System.Diagnostics;
using System.Text;

namespace PromptOptimizer.Tests.Cli;

/// <summary>The real CLI as a child process (for SIGKILL and signal tests), output captured asynchronously.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// A published native CLI to run instead of the build's <c>prompt-optimizer.dll</c>. <c>.ci/run</c> sets it to the
    /// Native AOT publish, so the process tests (SIGKILL, SIGTERM/SIGINT, crash recovery) run the binary users are given.
    /// </summary>
    public const string PublishedCliVariable = "PO_TEST_CLI";

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Environment.GetEnvironmentVariable(PublishedCliVariable) is { Length: > 0 } published)
        {
            // Made absolute, so the child runs exactly the file that File.Exists just found.
            info.FileName = File.Exists(published)
                ? Path.GetFullPath(published)
                : throw new InvalidOperationException($"{PublishedCliVariable} names no file: {published}");
        }
        else
        {
            info.FileName = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "prompt-optimizer.dll"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends a POSIX signal (SIGINT = 2, SIGTERM = 15) the way a terminal or a supervisor would.</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
