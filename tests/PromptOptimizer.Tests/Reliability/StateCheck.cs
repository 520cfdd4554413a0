using PromptOptimizer.Output;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Reliability;

/// <summary>Reads the state a run left behind and checks that checkpoint, database and files agree.</summary>
internal static class StateCheck
{
    public static async Task<IReadOnlyList<TopicRecord>> RowsAsync(string stateDir, OutputKind mode)
    {
        await using var store = new SqliteCompletionStore(SqliteCompletionStore.PathFor(stateDir), TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return await store.QueryAsync(new TopicQuery(Mode: mode), CancellationToken.None);
    }

    public static async Task<Checkpoint> CheckpointAsync(string stateDir, RunVariant variant)
    {
        var read = await CheckpointFile.ReadAsync(CheckpointFile.PathFor(stateDir, variant), CancellationToken.None);
        Assert.True(read.Status == CheckpointReadStatus.Ok, $"checkpoint: {read.Status} {read.Error}");
        return read.Checkpoint!;
    }

    /// <summary>
    /// The invariants every run must leave, however it ended: the checkpoint's counts equal the database rows of its run,
    /// every completed row has its parsable file inside the output directory, every file has a completed row, and no
    /// temp file is left.
    /// </summary>
    public static async Task<IReadOnlyList<TopicRecord>> AssertConsistentAsync(CliHarness cli, RunVariant variant)
    {
        var product = RunVariants.ProductOf(variant);
        var rows = await RowsAsync(cli.StateDir, product);
        var checkpoint = await CheckpointAsync(cli.StateDir, variant);
        var ofRun = rows.Where(r => r.RunId == checkpoint.RunId).ToList();
        var rowSummary = string.Join("\n", rows.Select(r => $"{r.TopicPath} {r.Status} {r.RunId} {r.LastError}"));
        Assert.True(checkpoint.Completed == ofRun.Count(r => r.Status == TopicStatus.Completed), $"checkpoint {checkpoint}\n{rowSummary}");
        Assert.Equal(checkpoint.Failed, ofRun.Count(r => r.Status == TopicStatus.Failed));
        Assert.DoesNotContain(rows, r => r.Status == TopicStatus.Started);

        var paths = new OutputPaths(cli.OutputDir);
        var completed = rows.Where(r => r.Status == TopicStatus.Completed).ToList();
        foreach (var row in completed)
        {
            var file = paths.For(product, row.TopicPath);
            Assert.True(OutputInspector.TryRead(file, product, out var hash, out _), $"completed row {row.TopicPath} has no readable output {file}");
            Assert.Equal(row.ContentHash, hash);
        }

        var onDisk = cli.OutputFiles(OutputKinds.NameOf(product)).Select(f => Path.GetRelativePath(Path.Combine(cli.OutputDir, OutputKinds.NameOf(product)), f)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(completed.Select(r => r.TopicPath).ToHashSet(StringComparer.Ordinal), onDisk);
        Assert.Empty(TempFiles(cli.OutputDir));
        return rows;
    }

    public static IEnumerable<string> TempFiles(string outputDir) =>
        Directory.Exists(outputDir) ? Directory.EnumerateFiles(outputDir, AtomicFile.TempPrefix + "*", SearchOption.AllDirectories) : [];
}
