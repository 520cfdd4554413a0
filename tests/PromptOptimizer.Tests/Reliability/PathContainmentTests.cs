using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>Nothing is read from outside the topics directory and nothing is written outside the output directory.</summary>
public sealed class PathContainmentTests
{
    [Theory]
    [InlineData("../escape.json")]
    [InlineData("c/../../escape.json")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("/tmp/x/y.json")]
    public void EscapingTopicPath_RefusedByLoaderAndByOutputPaths(string topicPath)
    {
        Assert.NotNull(TopicLoader.CheckRelativePath(topicPath));
        var paths = new OutputPaths(Path.Combine(Path.GetTempPath(), "po-paths-root"));
        Assert.Throws<ArgumentException>(() => paths.For(OutputKind.Flashcards, topicPath));
    }

    [Fact]
    public async Task SymlinkedCategoryAndFileLeavingTheTopicsDirectory_AreRefusedAndNothingOutsideIsSent()
    {
        await using var run = await SimulatedRun.StartAsync();
        var topics = Path.Combine(run.Cli.Root, "topics");
        Directory.CreateDirectory(Path.Combine(topics, "inside"));
        await File.WriteAllTextAsync(Path.Combine(topics, "inside", "ok.json"), "{\"title\":\"Inside topic\",\"card_count\":2}");
        var outside = Path.Combine(run.Cli.Root, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.json"), "{\"title\":\"Outside secret topic\",\"card_count\":2}");
        Directory.CreateSymbolicLink(Path.Combine(topics, "linked"), outside);
        File.CreateSymbolicLink(Path.Combine(topics, "inside", "link.json"), Path.Combine(outside, "secret.json"));
        run.Cli.TopicsDir = topics;

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force");

        Assert.True(exit == ExitCodes.TopicsFailed, run.Cli.Output + run.Cli.Error);
        var failed = run.Cli.Output.Split('\n').Where(l => l.Contains("FAILED", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, l => Assert.Contains("outside the topics directory", l, StringComparison.Ordinal));
        Assert.Equal(TopicStats.Empty, run.Sim.GetStats().Topic("Outside secret topic"));
        Assert.Single(run.Cli.OutputFiles("flashcards"));
        AssertEveryFileReallyInside(run.Cli.OutputDir);
    }

    [Fact]
    public async Task OutputFolderReplacedBySymlinkToOutside_NothingIsWrittenOutsideTheOutputDirectory()
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 4, categories: 2, cardCount: 2);
        var outside = Path.Combine(run.Cli.Root, "elsewhere");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Path.Combine(run.Cli.OutputDir, "flashcards"));
        Directory.CreateSymbolicLink(Path.Combine(run.Cli.OutputDir, "flashcards", "c1"), outside);

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force");

        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.True(exit == ExitCodes.TopicsFailed, run.Cli.Output + run.Cli.Error);
        var rows = await StateCheck.RowsAsync(run.Cli.StateDir, OutputKind.Flashcards);
        Assert.Equal(["c0/t00000.json", "c0/t00002.json"], rows.Where(r => r.Status == TopicStatus.Completed).Select(r => r.TopicPath).Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => r.Status == TopicStatus.Failed), r => Assert.Contains("would leave the output directory", r.LastError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryMode_EveryWrittenFile_RealPathLiesInsideTheOutputDirectory()
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 4, cardCount: 2);

        Assert.Equal(ExitCodes.Success, await run.RunAsync("--flashcards", "--force"));
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--prompts", "--force"));
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--unified", "--use-web-plugin", "--force"));

        Assert.Equal(12, Directory.GetFiles(run.Cli.OutputDir, "*.json", SearchOption.AllDirectories).Length);
        AssertEveryFileReallyInside(run.Cli.OutputDir);
    }

    /// <summary>No entry under the output root is a link, so every file's real path is its path under the root.</summary>
    private static void AssertEveryFileReallyInside(string outputDir)
    {
        var root = Path.GetFullPath(outputDir);
        Assert.Null(new DirectoryInfo(root).LinkTarget);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            Assert.True(entry.LinkTarget is null, $"{entry.FullName} is a link to {entry.LinkTarget}");
            Assert.StartsWith(root + Path.DirectorySeparatorChar, entry.FullName, StringComparison.Ordinal);
        }
    }
}
