using System.Text.Json;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

public sealed class JsonlExportWriterTests : IDisposable
{
    private readonly OutputFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ExportAsync_UnifiedJsonl_WritesPromptLineThenOneLinePerCard()
    {
        _fixture.WriteUnified("001_geo", "capitals",
            [OutputFixture.Basic("c1", "Line\nbreak \"quoted\" — ünïcode?", "Paris", "S2", "S7"), OutputFixture.Cloze("c2", "{{c1::Lima}} is in Peru")],
            "You are a geography tutor.\nCite sources.");
        var outPath = _fixture.OutFile("all.jsonl");

        var result = await ExportService.ExportAsync(new ExportOptions(ExportFormat.Jsonl, outPath, OutputKind.Unified), _fixture.OutputDir, TimeProvider.System, default);

        var lines = (await File.ReadAllTextAsync(outPath)).Split('\n');
        Assert.Equal("", lines[^1]);
        var objects = lines[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, objects.Count);
        Assert.Equal("system_prompt", objects[0].GetProperty("kind").GetString());
        Assert.Equal("You are a geography tutor.\nCite sources.", objects[0].GetProperty("system_prompt").GetString());
        Assert.Equal("001_geo/capitals.json", objects[0].GetProperty("topic").GetProperty("path").GetString());

        var card = objects[1];
        Assert.Equal("card", card.GetProperty("kind").GetString());
        Assert.Equal("Topic capitals", card.GetProperty("topic").GetProperty("title").GetString());
        Assert.Equal("Line\nbreak \"quoted\" — ünïcode?", card.GetProperty("card").GetProperty("front").GetString());
        Assert.Equal(["S2", "S7"], card.GetProperty("card").GetProperty("source_ids").EnumerateArray().Select(s => s.GetString()));
        var sources = card.GetProperty("sources").EnumerateArray().ToList();
        Assert.Single(sources);
        Assert.Equal("https://example.org/b", sources[0].GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, sources[0].GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, card.GetProperty("card").GetProperty("text").ValueKind);
        Assert.Equal("{{c1::Lima}} is in Peru", objects[2].GetProperty("card").GetProperty("text").GetString());
        Assert.Equal((1, 3, 2), (result.Topics, result.Notes, result.Cards));
    }

    [Fact]
    public async Task ExportAsync_PromptsJsonl_WritesOneSystemPromptLinePerTopic()
    {
        _fixture.WritePrompt("001_geo", "capitals", "Prompt A");
        _fixture.WritePrompt("001_geo", "rivers", "Prompt B");
        var outPath = _fixture.OutFile("prompts.jsonl");

        var result = await ExportService.ExportAsync(new ExportOptions(ExportFormat.Jsonl, outPath, OutputKind.Prompts), _fixture.OutputDir, TimeProvider.System, default);

        var prompts = File.ReadAllLines(outPath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("system_prompt").GetString()).ToList();
        Assert.Equal(["Prompt A", "Prompt B"], prompts);
        Assert.Equal((2, 2, 0), (result.Topics, result.Notes, result.Cards));
    }
}
