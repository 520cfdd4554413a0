using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Cli;

/// <summary>Observing a CLI child process from outside: its finished outputs, and waiting for a condition on them.</summary>
internal static class ProcessWait
{
    /// <summary>Finished output files under a directory (temp files of an atomic write not counted).</summary>
    public static int CountOutputs(string outputDir) => Directory.Exists(outputDir)
        ? Directory.EnumerateFiles(outputDir, "*.json", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith(AtomicFile.TempPrefix, StringComparison.Ordinal))
        : 0;

    /// <summary>Waits for an observable condition of another process (files on disk); bounded by a deadline.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string awaited = "the child process's awaited state") =>
        Poll.UntilAsync(condition, deadline, awaited);
}
