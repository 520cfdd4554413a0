using System.Globalization;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// The details of a failure nothing else handled, in <c>&lt;state-dir&gt;/crash-&lt;time&gt;.log</c>, with every secret
/// the redactor knows replaced: an unattended batch needs a file to send, not a stack trace on the terminal.
/// </summary>
internal static class CrashLog
{
    /// <summary>Writes the log of <paramref name="exception"/> and returns its path, or null when the directory is not writable.</summary>
    /// <param name="command">The command's name only: its other arguments may hold a connection string with a password.</param>
    public static async Task<string?> WriteAsync(
        string stateDir, string command, Exception exception, SecretRedactor redactor, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        try
        {
            Directory.CreateDirectory(stateDir);
            var log = Path.Combine(stateDir, "crash-" + now.ToString("yyyyMMddTHHmmssfffZ", CultureInfo.InvariantCulture) + ".log");
            await File.WriteAllTextAsync(log, redactor.Redact($"{now:O} prompt-optimizer {command} (pid {Environment.ProcessId}) failed unexpectedly:\n{exception}\n"), cancellationToken)
                .ConfigureAwait(false);
            return log;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
