using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

public sealed class CheckpointFileTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void PathFor_Variant_UsesItsCheckpointFileName()
    {
        Assert.Equal(Path.Combine("state", "batch_checkpoint_web.json"), CheckpointFile.PathFor("state", RunVariant.FlashcardsWeb));
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTripsEveryField()
    {
        var path = CheckpointFile.PathFor(_directory.Path, RunVariant.Unified);
        var checkpoint = Sample();

        await CheckpointFile.WriteAsync(path, checkpoint, default);
        var result = await CheckpointFile.ReadAsync(path, default);

        Assert.Equal(CheckpointReadStatus.Ok, result.Status);
        var read = result.Checkpoint!;
        Assert.Equal(checkpoint with { Arguments = read.Arguments }, read);
        Assert.Equal(checkpoint.Arguments, read.Arguments);
    }

    [Fact]
    public async Task WriteAsync_Json_IsSnakeCaseWithShortVariantName()
    {
        var path = _directory.File("cp.json");

        await CheckpointFile.WriteAsync(path, Sample(), default);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = json.RootElement;
        Assert.Equal("web", root.GetProperty("variant").GetString());
        Assert.Equal("run-7", root.GetProperty("run_id").GetString());
        Assert.Equal(3, root.GetProperty("current_batch").GetInt32());
        Assert.Equal(10, root.GetProperty("total_batches").GetInt32());
        Assert.Equal(1.234567891m, root.GetProperty("cost_usd").GetDecimal());
        Assert.False(root.GetProperty("finished").GetBoolean());
        Assert.Equal("--limit", root.GetProperty("arguments")[1].GetString());
        Assert.True(root.TryGetProperty("last_updated", out _));
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacesItAndLeavesNoTemporaryFiles()
    {
        var path = CheckpointFile.PathFor(_directory.Path, RunVariant.Prompts);
        await CheckpointFile.WriteAsync(path, Sample(), default);

        await CheckpointFile.WriteAsync(path, Sample() with { Completed = 99, Finished = true }, default);

        var read = (await CheckpointFile.ReadAsync(path, default)).Checkpoint!;
        Assert.Equal(99, read.Completed);
        Assert.True(read.Finished);
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task WriteAsync_MissingDirectory_CreatesIt()
    {
        var path = Path.Combine(_directory.Path, "nested", "state", "cp.json");

        await CheckpointFile.WriteAsync(path, Sample(), default);

        Assert.Equal(CheckpointReadStatus.Ok, (await CheckpointFile.ReadAsync(path, default)).Status);
    }

    [Fact]
    public async Task ReadAsync_NoFile_ReturnsMissing()
    {
        var result = await CheckpointFile.ReadAsync(_directory.File("absent.json"), default);

        Assert.Equal(CheckpointReadStatus.Missing, result.Status);
        Assert.Null(result.Checkpoint);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"run_id\":\"r\"}")]
    public async Task ReadAsync_BadContent_ReturnsCorruptNamingTheFile(string content)
    {
        var path = _directory.File("batch_checkpoint.json");
        await File.WriteAllTextAsync(path, content);

        var result = await CheckpointFile.ReadAsync(path, default);

        Assert.Equal(CheckpointReadStatus.Corrupt, result.Status);
        Assert.Null(result.Checkpoint);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"variant\": \"web\"", "\"variant\": \"gopher\"")]
    [InlineData("\"run_id\": \"run-7\"", "\"run_id\": null")]
    [InlineData("\"total\": 100", "\"total\": \"many\"")]
    public async Task ReadAsync_BadField_ReturnsCorruptWithTheProblem(string good, string bad)
    {
        var path = _directory.File("cp.json");
        await CheckpointFile.WriteAsync(path, Sample(), default);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains(good, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Replace(good, bad, StringComparison.Ordinal));

        var result = await CheckpointFile.ReadAsync(path, default);

        Assert.Equal(CheckpointReadStatus.Corrupt, result.Status);
        Assert.Contains("corrupt", result.Error, StringComparison.Ordinal);
    }

    private static Checkpoint Sample() => new(
        "run-7",
        RunVariant.FlashcardsWeb,
        ["--flashcards", "--limit", "100"],
        Start,
        Start.AddMinutes(90),
        Total: 100,
        Completed: 40,
        Failed: 2,
        Skipped: 8,
        Remaining: 50,
        CurrentBatch: 3,
        TotalBatches: 10,
        Finished: false,
        CostUsd: 1.234567891m);
}
