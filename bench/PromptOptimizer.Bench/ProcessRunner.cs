using System.Diagnostics;
using System.Globalization;

namespace PromptOptimizer.Bench;

/// <summary>
/// Runs the CLI as a child process and measures it. GNU time (when installed) reports CPU and peak RSS exactly at exit;
/// otherwise <c>/proc/&lt;pid&gt;</c> is polled every 50 ms, which can miss the last few milliseconds of CPU.
/// </summary>
internal sealed class ProcessRunner(string executable, IReadOnlyDictionary<string, string> environment)
{
    private const string GnuTime = "/usr/bin/time";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<ProcessMeasurement> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var useTime = File.Exists(GnuTime);
        var timeFile = Path.Combine(workingDirectory, $"time-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo(useTime ? GnuTime : executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useTime)
        {
            foreach (var a in new[] { "-f", "%U %S %M", "-o", timeFile, executable })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        double cpu = 0, rss = 0;
        using (var poll = new PeriodicTimer(PollInterval))
        {
            while (!process.HasExited)
            {
                if (!useTime)
                {
                    (cpu, rss) = ReadProc(process.Id, cpu, rss);
                }

                if (!await poll.WaitForNextTickAsync(cancellationToken))
                {
                    break;
                }
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        clock.Stop();
        var outText = await stdout;
        var errText = await stderr;
        if (useTime && File.Exists(timeFile))
        {
            // The last line is "%U %S %M"; a "Command exited with non-zero status" line may precede it.
            var last = File.ReadAllLines(timeFile).Last(l => l.Trim().Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            cpu = double.Parse(last[0], CultureInfo.InvariantCulture) + double.Parse(last[1], CultureInfo.InvariantCulture);
            rss = double.Parse(last[2], CultureInfo.InvariantCulture) / 1024.0;
            File.Delete(timeFile);
        }

        return new ProcessMeasurement(process.ExitCode, startedAt, clock.Elapsed, cpu, rss, outText, errText, useTime ? "gnu-time" : "proc-poll");
    }

    /// <summary>utime+stime from /proc/pid/stat (clock ticks, 100 Hz) and VmHWM from /proc/pid/status.</summary>
    private static (double Cpu, double RssMb) ReadProc(int pid, double cpu, double rss)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    rss = double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // The process exited between the check and the read: keep the last values.
        }

        return (cpu, rss);
    }
}
