using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Cli;

/// <summary>
/// The one place an exception nothing else handled ends up: one line on stderr, the details in
/// <c>&lt;state-dir&gt;/crash-&lt;time&gt;.log</c> (<see cref="CrashLog"/>) and <see cref="ExitCodes.Crashed"/>. An unattended
/// batch needs a reason and a file to send, not a stack trace on the terminal or an abort (exit 134) that looks like a
/// killed process. Keys and the store's connection string are redacted from both, as everywhere else.
/// </summary>
internal static class CrashReport
{
    /// <summary>Reports <paramref name="exception"/> and returns the exit code for it.</summary>
    public static async Task<int> WriteAsync(Exception exception, IReadOnlyList<string> args, Func<string, string?> environment, TextWriter error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(error);
        var redactor = new SecretRedactor([environment("OPENROUTER_API_KEY"), environment("EXA_API_KEY"), environment("PROMPT_OPTIMIZER_STORE"), .. ValuesOf(args, "--store")]);
        var command = args.Count > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var log = await CrashLog.WriteAsync(ValuesOf(args, "--state-dir").FirstOrDefault() ?? "state", command, exception, redactor, time, CancellationToken.None).ConfigureAwait(false);
        var reason = exception.Message.ReplaceLineEndings(" ");
        await error.WriteLineAsync(redactor.Redact($"Error: unexpected failure ({exception.GetType().Name}): {reason}")
            + (log is null ? " (no crash log: the state directory is not writable)" : $" Details in {log}. Rerun the same command to continue.")).ConfigureAwait(false);
        return ExitCodes.Crashed;
    }

    /// <summary>The values given to <paramref name="flag"/>, as <c>--flag VALUE</c> or <c>--flag=VALUE</c>, read without the parser (which may be what failed).</summary>
    private static IEnumerable<string> ValuesOf(IReadOnlyList<string> args, string flag) =>
        args.Select((arg, i) => arg == flag && i + 1 < args.Count ? args[i + 1] : arg.StartsWith(flag + "=", StringComparison.Ordinal) ? arg[(flag.Length + 1)..] : null)
            .OfType<string>();
}
