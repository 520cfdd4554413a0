using System.Globalization;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Cli;

/// <summary>
/// The one place an exception nothing else handled ends up: one line on stderr, the details in
/// <c>&lt;state-dir&gt;/crash-&lt;time&gt;.log</c> and <see cref="ExitCodes.Crashed"/>. An unattended batch needs a reason
/// and a file to send, not a stack trace on the terminal or an abort (exit 134) that looks like a killed process.
/// Keys and the store's connection string are redacted from both, as everywhere else.
/// </summary>
internal static class CrashReport
{
    /// <summary>Reports <paramref name="exception"/> and returns the exit code for it.</summary>
    public static int Write(Exception exception, IReadOnlyList<string> args, Func<string, string?> environment, TextWriter error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(error);
        var redactor = new SecretRedactor([environment("OPENROUTER_API_KEY"), environment("EXA_API_KEY"), environment("PROMPT_OPTIMIZER_STORE"), .. StoreArguments(args)]);
        var now = time.GetUtcNow();
        string? log = null;
        try
        {
            var directory = StateDirectory(args);
            Directory.CreateDirectory(directory);
            log = Path.Combine(directory, "crash-" + now.ToString("yyyyMMddTHHmmssfffZ", CultureInfo.InvariantCulture) + ".log");
            // The command's name only: its other arguments may hold a connection string with a password.
            var command = args.Count > 0 && !args[0].StartsWith('-') ? args[0] : "run";
            File.WriteAllText(log, redactor.Redact($"{now:O} prompt-optimizer {command} (pid {Environment.ProcessId}) failed unexpectedly:\n{exception}\n"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            log = null;
        }

        var reason = exception.Message.ReplaceLineEndings(" ");
        error.WriteLine(redactor.Redact($"Error: unexpected failure ({exception.GetType().Name}): {reason}")
            + (log is null ? " (no crash log: the state directory is not writable)" : $" Details in {log}. Rerun the same command to continue."));
        return ExitCodes.Crashed;
    }

    private static string StateDirectory(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--state-dir" && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--state-dir=", StringComparison.Ordinal))
            {
                return args[i]["--state-dir=".Length..];
            }
        }

        return "state";
    }

    private static IEnumerable<string> StoreArguments(IReadOnlyList<string> args) =>
        args.Select((arg, i) => arg == "--store" && i + 1 < args.Count ? args[i + 1] : arg.StartsWith("--store=", StringComparison.Ordinal) ? arg["--store=".Length..] : null)
            .OfType<string>();
}
