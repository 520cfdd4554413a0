using System.Diagnostics;
using PromptOptimizer.Cli;
using PromptOptimizer.Output;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>Broken topic files fail one by one by name; bad command lines exit 2 with a message and write nothing.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task BrokenTopicFilesOfEveryKind_GoodTopicsCompleteAndEachBadOneFailsOnceNamingFileAndProblem()
    {
        await using var run = await SimulatedRun.StartAsync();
        var topics = Path.Combine(run.Cli.Root, "topics");
        var category = Path.Combine(topics, "mixed");
        Directory.CreateDirectory(category);
        for (var i = 0; i < 3; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(category, $"good{i}.json"), $"{{\"title\":\"Good topic {i}\",\"card_count\":2}}");
        }

        // Kinds beyond the ones RunCommandTests.Run_BrokenTopicFiles_... already covers.
        var broken = new Dictionary<string, (byte[] Bytes, string Problem)>
        {
            ["zero_bytes.json"] = ([], "file is empty"),
            ["array_root.json"] = ("[{\"title\":\"T\"}]"u8.ToArray(), "expected a JSON object, found an array"),
            ["null_title.json"] = ("{\"title\":null}"u8.ToArray(), "'title'"),
            ["number_title.json"] = ("{\"title\":42}"u8.ToArray(), "field 'title' must be a string"),
            ["deep_nesting.json"] = (System.Text.Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "invalid JSON"),
            ["keyword_item.json"] = ("{\"title\":\"T\",\"keywords\":[\"a\",7]}"u8.ToArray(), "an item that is a number"),
            ["fraction_count.json"] = ("{\"title\":\"T\",\"card_count\":2.5}"u8.ToArray(), "whole number"),
            ["zero_count.json"] = ("{\"title\":\"T\",\"card_count\":0}"u8.ToArray(), "card_count"),
            ["binary.json"] = ([0x00, 0x01, 0xFE, 0xFF, 0x89, 0x50, 0x4E, 0x47], "not valid UTF-8"),
            ["trailing.json"] = ("{\"title\":\"T\"} {\"title\":\"U\"}"u8.ToArray(), "invalid JSON"),
        };
        foreach (var (name, (bytes, _)) in broken)
        {
            await File.WriteAllBytesAsync(Path.Combine(category, name), bytes);
        }

        // A named pipe would block a reader forever: it must be refused without being opened.
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(category, "pipe.json")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        File.CreateSymbolicLink(Path.Combine(category, "dangling.json"), Path.Combine(category, "deleted-target.json"));
        await File.WriteAllTextAsync(Path.Combine(category, "notes.txt"), "not a topic: ignored");
        run.Cli.TopicsDir = topics;

        var exit = await run.RunAsync("--flashcards", "--use-web-plugin", "--force").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == ExitCodes.TopicsFailed, run.Cli.Output + run.Cli.Error);
        Assert.Equal(3, run.Cli.OutputFiles("flashcards").Count);
        var failedLines = run.Cli.Output.Split('\n').Where(l => l.Contains("FAILED", StringComparison.Ordinal)).ToList();
        Assert.Equal(broken.Count + 2, failedLines.Count);
        Assert.Contains("not a regular file", Assert.Single(failedLines, l => l.Contains("mixed/pipe.json", StringComparison.Ordinal)), StringComparison.Ordinal);
        foreach (var (name, (_, problem)) in broken)
        {
            var line = Assert.Single(failedLines, l => l.Contains("mixed/" + name, StringComparison.Ordinal));
            Assert.Contains(problem, line, StringComparison.Ordinal);
        }

        var dangling = Assert.Single(failedLines, l => l.Contains("mixed/dangling.json", StringComparison.Ordinal));
        Assert.True(dangling.Contains("Could not find file", StringComparison.Ordinal) || dangling.Contains("does not exist", StringComparison.Ordinal), dangling);
        var rows = await StateCheck.AssertConsistentAsync(run.Cli, RunVariant.FlashcardsWeb);
        Assert.Equal(broken.Count + 2, rows.Count(r => r.Status == TopicStatus.Failed));
        Assert.Equal(3, run.Sim.GetStats().RequestsTo("chat"));
    }

    public static TheoryData<string[]> BadCommandLines() => new()
    {
        { ["--flashcards", "--concurrent", "0"] },
        { ["--flashcards", "--concurrent", "-1"] },
        { ["--flashcards", "--batch-size", "-5"] },
        { ["--flashcards", "--limit", "0"] },
        { ["--flashcards", "--limit", "-2"] },
        { ["--flashcards", "--batch-delay", "-1"] },
        { ["--flashcards", "--exa-qps", "0"] },
        { ["--flashcards", "--exa-qps", "-3"] },
        { ["--flashcards", "--rpm", "0"] },
        { ["--flashcards", "--max-retries", "-1"] },
        { ["--flashcards", "--request-timeout", "0"] },
        { ["--flashcards", "--search-results", "0"] },
        { ["--flashcards", "--max-repairs", "-1"] },
        { ["--prompts", "--min-score", "0"] },
        { ["--prompts", "--max-rounds", "-1"] },
        { ["--flashcards", "--max-cost", "0"] },
        { ["--flashcards", "--grace", "-1"] },
        { ["--flashcards", "--concurrent", "lots"] },
        { ["--flashcards", "--unified"] },
        { ["--prompts", "--unified", "--flashcards"] },
        { ["--flashcards", "--resume", "--cleanup"] },
        { ["--flashcards", "--category", "../etc"] },
        { ["--flashcards", "--category", "/etc"] },
        { ["--use-web-plugin"] },
        { ["--flashcards", "--resume"] },
        { ["--unified", "--resume"] },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadCommandLine_ExitsTwoWithAMessageAndWritesNothing(string[] args)
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 3, cardCount: 2);
        var before = Snapshot(run.Cli.Root);

        var exit = await run.Cli.RunAsync([.. args, "--force", "--plain"]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("Error: ", run.Cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(run.Cli.Root));
        Assert.Equal(0, run.Sim.GetStats().RequestsTo("chat"));
    }

    [Theory]
    [InlineData("--topics-dir", "missing", "topics directory not found")]
    [InlineData("--output-dir", "file/out", "--output-dir")]
    [InlineData("--state-dir", "file/state", "--state-dir")]
    [InlineData("--output-dir", "/proc/self/po-out", "--output-dir")]
    [InlineData("--prices", "missing-prices.json", "--prices")]
    public async Task MissingOrUnwritableDirectory_ExitsTwoWithAMessageAndWritesNothing(string flag, string value, string message)
    {
        await using var run = await SimulatedRun.StartAsync();
        run.Cli.TopicsDir = TopicFiles.Create(run.Cli.Root, 3, cardCount: 2);
        await File.WriteAllTextAsync(Path.Combine(run.Cli.Root, "file"), "a regular file, not a folder");
        var before = Snapshot(run.Cli.Root);
        var path = value.StartsWith('/') ? value : Path.Combine(run.Cli.Root, value);

        var exit = await run.Cli.RunAsync("--flashcards", "--use-web-plugin", "--force", "--plain", flag, path);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, run.Cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(run.Cli.Root));
        Assert.Equal(0, run.Sim.GetStats().RequestsTo("chat"));
    }

    /// <summary>
    /// Every file under the root with its size, to prove a refused command wrote nothing. Empty folders are not
    /// counted: with a bad --state-dir the already prepared (empty) output folder stays behind.
    /// </summary>
    private static string Snapshot(string root)
    {
        Debug.Assert(Directory.Exists(root));
        return string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => $"{p} {new FileInfo(p).Length}"));
    }
}
