using System.Diagnostics;

namespace PromptOptimizer.Bench;

/// <summary>The end of a child process the bench started and keeps running (the simulator, <c>serve</c>).</summary>
internal static class ChildProcess
{
    /// <summary>Kills it with its children when it still runs, waits for its exit, and releases it.</summary>
    public static async Task EndAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }
}
