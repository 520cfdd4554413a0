using System.Diagnostics;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

public sealed class StateLockTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TryAcquire_WhileHeld_FailsWithHolderInfo_AndSucceedsAfterDispose()
    {
        using (var first = StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsExa, out var none))
        {
            Assert.NotNull(first);
            Assert.Null(none);
            Assert.Equal(Path.Combine(_directory.Path, ".flashcards.lock"), first.Path);

            var second = StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsExa, out var holder);

            Assert.Null(second);
            Assert.NotNull(holder);
            Assert.Contains($"pid {Environment.ProcessId}", holder, StringComparison.Ordinal);
            Assert.Contains("started", holder, StringComparison.Ordinal);
        }

        using var again = StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsExa, out _);
        Assert.NotNull(again);
    }

    [Fact]
    public void TryAcquire_DifferentVariants_DoNotBlockEachOther()
    {
        using var exa = StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsExa, out _);
        using var prompts = StateLock.TryAcquire(_directory.Path, RunVariant.Prompts, out _);

        Assert.NotNull(exa);
        Assert.NotNull(prompts);
        Assert.EndsWith(".prompts.lock", prompts.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAcquire_ExaAndWebFlashcards_BlockEachOther()
    {
        using var exa = StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsExa, out _);
        using var web = StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsWeb, out var holder);

        Assert.NotNull(exa);
        Assert.Null(web);
        Assert.NotNull(holder);
    }

    [Fact]
    public void TryAcquire_MissingStateDirectory_CreatesIt()
    {
        var stateDir = Path.Combine(_directory.Path, "state");

        using var held = StateLock.TryAcquire(stateDir, RunVariant.Unified, out _);

        Assert.NotNull(held);
        Assert.True(File.Exists(Path.Combine(stateDir, ".unified.lock")));
    }

    /// <summary>
    /// Another process's flock (the util-linux tool takes the same kind .NET does) blocks us until it dies.
    /// <c>-o</c> keeps the lock in the flock process alone, so its exit (awaited below) is what releases it.
    /// </summary>
    [SkippableFact]
    public void TryAcquire_HeldByKilledProcess_SucceedsOnceItIsGone()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/bin/flock"), "needs Linux and /usr/bin/flock");
        var lockPath = StateLock.PathFor(_directory.Path, RunVariant.FlashcardsWeb);
        var ready = _directory.File("ready");
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-x", "-o", lockPath, "sh", "-c", $"touch '{ready}'; exec sleep 60"])
        {
            UseShellExecute = false,
        })!;
        try
        {
            WaitForFile(ready, holder);

            Assert.Null(StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsWeb, out _));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        using var taken = StateLock.TryAcquire(_directory.Path, RunVariant.FlashcardsWeb, out _);
        Assert.NotNull(taken);
    }

    // The child signals readiness by creating a file once it holds the lock; wait on the process, not a clock.
    private static void WaitForFile(string path, Process process)
    {
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        watcher.EnableRaisingEvents = true;
        for (var waited = 0; !File.Exists(path); waited++)
        {
            Assert.True(waited < 30, "the flock child did not take the lock in time");
            Assert.False(process.HasExited, "the flock child exited before taking the lock");
            watcher.WaitForChanged(WatcherChangeTypes.Created, 1000);
        }
    }
}
