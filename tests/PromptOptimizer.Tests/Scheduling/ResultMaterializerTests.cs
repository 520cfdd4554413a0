using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class ResultMaterializerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task WriteAsync_StoredResults_WritesValidOnesInFileFormAndSkipsTheRest()
    {
        const string Stored = """{"system_prompt": "Be precise.", "topic": {"path": "c/a.json", "content_hash": "h"}}""";
        var queue = new FakeWorkQueue(TimeProvider.System)
        {
            Results =
            [
                new MaterializedResult(OutputKind.Prompts, "c/a.json", null, Stored),
                new MaterializedResult(OutputKind.Prompts, "c/bad.json", null, "{ not json"),
                new MaterializedResult(OutputKind.Prompts, "../escape.json", null, Stored),
            ],
        };
        var paths = new OutputPaths(_directory.Path);

        var (written, skipped) = await ResultMaterializer.WriteAsync(queue, paths, OutputKind.Prompts, default);

        Assert.Equal(1, written);
        Assert.Equal(["c/bad.json", "../escape.json"], skipped.Select(s => s.TopicPath));
        var file = await File.ReadAllBytesAsync(paths.For(OutputKind.Prompts, "c/a.json"));
        var document = JsonSerializer.Deserialize(file, OutputJsonContext.Default.PromptDocument)!;
        Assert.Equal("Be precise.", document.SystemPrompt);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.PromptDocument), file);
    }

    [Fact]
    public async Task WriteAsync_Mode_WritesOnlyThatMode()
    {
        var queue = new FakeWorkQueue(TimeProvider.System) { Results = [new MaterializedResult(OutputKind.Flashcards, "c/a.json", null, "{}")] };

        var (written, skipped) = await ResultMaterializer.WriteAsync(queue, new OutputPaths(_directory.Path), OutputKind.Prompts, default);

        Assert.Equal(0, written);
        Assert.Empty(skipped);
    }
}
