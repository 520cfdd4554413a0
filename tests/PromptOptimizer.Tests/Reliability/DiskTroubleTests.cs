using System.Diagnostics;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>
/// Output writes failing mid-run. Tests run as root, so permissions do not stop writes: the category folder is
/// replaced by a regular FILE, which makes every write under it fail with ENOTDIR.
/// </summary>
public sealed class DiskTroubleTests
{
    [Fact]
    public async Task CategoryFolderBecomesAFileMidRun_ItsTopicsFailWithTheReasonAndTheRunStopsWhenEveryWriteFails()
    {
        await using var run = await SimulatedRun.StartAsync(new SimulatorOptions { LatencyMs = 60, LatencySigma = 0 });
        run.Cli.TopicsDir = Path.Combine(run.Cli.Root, "topics");
        Write(run.Cli.TopicsDir, "a_first", 4);
        Write(run.Cli.TopicsDir, "b_second", 12);
        var blocked = Path.Combine(run.Cli.OutputDir, "flashcards", "b_second");

        // Topics run category by category; once the first output of a_first exists, b_second has not started yet.
        var sabotage = Task.Run(async () =>
        {
            var first = Path.Combine(run.Cli.OutputDir, "flashcards", "a_first");
            await Poll.UntilAsync(() => ProcessWait.CountOutputs(first) > 0, TimeSpan.FromSeconds(30), "the first output of a_first");

            await File.WriteAllTextAsync(blocked, "a regular file where a folder should be");
        });

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--concurrent", "2");
        await sabotage;

        Assert.True(exit == ExitCodes.Stopped, run.Cli.Output + run.Cli.Error);
        Assert.Contains("Stopped: every recent output write failed", run.Cli.Output, StringComparison.Ordinal);
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(4, rows.Count(r => r.Status == TopicStatus.Completed && r.TopicPath.StartsWith("a_first/", StringComparison.Ordinal)));
        var failed = rows.Where(r => r.Status == TopicStatus.Failed).ToList();
        Assert.InRange(failed.Count, 5, 12);
        Assert.All(failed, r =>
        {
            Assert.StartsWith("b_second/", r.TopicPath, StringComparison.Ordinal);
            Assert.Contains("cannot write", r.LastError, StringComparison.Ordinal);
            Assert.Equal("Io", r.ErrorKind);
        });
        Assert.DoesNotContain(rows, r => r.Status == TopicStatus.Completed && r.TopicPath.StartsWith("b_second/", StringComparison.Ordinal));

        File.Delete(blocked);
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--use-web-plugin", "--resume"));
        rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(16, rows.Count(r => r.Status == TopicStatus.Completed));
    }

    [Fact]
    public async Task OneCategoryUnwritableFromTheStart_OnlyItsTopicsFailAndTheRunFinishes()
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = Path.Combine(run.Cli.Root, "topics");
        Write(run.Cli.TopicsDir, "a_first", 3);
        Write(run.Cli.TopicsDir, "b_second", 2);
        Write(run.Cli.TopicsDir, "c_third", 3);
        Directory.CreateDirectory(Path.Combine(run.Cli.OutputDir, "flashcards"));
        await File.WriteAllTextAsync(Path.Combine(run.Cli.OutputDir, "flashcards", "b_second"), "not a folder");

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--concurrent", "1");

        Assert.True(exit == ExitCodes.TopicsFailed, run.Cli.Output + run.Cli.Error);
        var failedLines = run.Cli.Output.Split('\n').Where(l => l.Contains("FAILED", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failedLines.Count);
        Assert.All(failedLines, l => Assert.Contains("cannot write", l, StringComparison.Ordinal));
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(6, rows.Count(r => r.Status == TopicStatus.Completed));
        Assert.Equal(["b_second/t0.json", "b_second/t1.json"], rows.Where(r => r.Status == TopicStatus.Failed).Select(r => r.TopicPath).Order(StringComparer.Ordinal));
    }

    /// <summary>A real full disk: a 64 KiB tmpfs as the output directory (skipped where mount is not permitted).</summary>
    [SkippableFact]
    public async Task OutputDiskFullMidRun_FailedWritesNeverCompleteAndTheRunStopsThenResumesOnceThereIsRoom()
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = Path.Combine(run.Cli.Root, "topics");
        Write(run.Cli.TopicsDir, "full", 40);
        Directory.CreateDirectory(run.Cli.OutputDir);
        Skip.IfNot(await MountAsync("-t", "tmpfs", "-o", "size=64k", "tmpfs", run.Cli.OutputDir), "mount is not permitted here");
        try
        {
            var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force", "--concurrent", "1");

            Assert.True(exit == ExitCodes.Stopped, run.Cli.Output + run.Cli.Error);
            Assert.Contains("Stopped: every recent output write failed", run.Cli.Output, StringComparison.Ordinal);
            var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
            var failed = rows.Where(r => r.Status == TopicStatus.Failed).ToList();
            Assert.InRange(failed.Count, 5, 39);
            Assert.All(failed, r => Assert.Contains("No space left on device", r.LastError, StringComparison.Ordinal));
            Assert.InRange(rows.Count(r => r.Status == TopicStatus.Completed), 1, 35);

            Assert.True(await MountAsync("-o", "remount,size=4m", run.Cli.OutputDir));
            Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--use-web-plugin", "--resume"));
            rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
            Assert.Equal(40, rows.Count(r => r.Status == TopicStatus.Completed));
        }
        finally
        {
            using var umount = Process.Start("umount", run.Cli.OutputDir);
            await umount.WaitForExitAsync();
        }
    }

    private static async Task<bool> MountAsync(params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo("mount") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var mount = Process.Start(info)!;
            await mount.WaitForExitAsync();
            return mount.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Write(string topics, string category, int count)
    {
        Directory.CreateDirectory(Path.Combine(topics, category));
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(topics, category, $"t{i}.json"), $"{{\"title\":\"{category} topic {i}\",\"card_count\":2}}");
        }
    }
}
