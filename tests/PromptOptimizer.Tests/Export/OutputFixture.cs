using System.Text.Json;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

/// <summary>A temporary output directory with documents written exactly as the pipeline writes them.</summary>
internal sealed class OutputFixture : IDisposable
{
    public static readonly DateTimeOffset Generated = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public OutputFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "po-export-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(OutputDir);
    }

    public string Root { get; }

    public string OutputDir => Path.Combine(Root, "output");

    public string OutFile(string name) => Path.Combine(Root, "exports", name);

    public static IReadOnlyList<SourceDocument> DefaultSources { get; } =
    [
        new SourceDocument("S1", "https://example.org/a?x=1&y=2", "Source \"A\"", null),
        new SourceDocument("S2", "https://example.org/b", null, "2024-01-01"),
    ];

    public static Flashcard Basic(string id, string front, string back, params string[] sourceIds) =>
        new(id, "basic", front, back, null, ["tag one"], "easy", sourceIds.Length == 0 ? ["S1"] : sourceIds);

    public static Flashcard Cloze(string id, string text, string back = "", params string[] sourceIds) =>
        new(id, "cloze", "", back, text, [], "medium", sourceIds.Length == 0 ? ["S1"] : sourceIds);

    public void WriteFlashcards(
        string category, string name, IReadOnlyList<Flashcard> cards, DateTimeOffset? generatedAt = null,
        string? title = null, IReadOnlyList<SourceDocument>? sources = null)
    {
        var document = new FlashcardDocument(
            Reference(category, name, title), "flashcards", "exa", "test/model", generatedAt ?? Generated,
            sources ?? DefaultSources, cards, UsageSummary.Zero, 1);
        Write(OutputKind.Flashcards, category, name, JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.FlashcardDocument));
    }

    public void WriteUnified(string category, string name, IReadOnlyList<Flashcard> cards, string systemPrompt)
    {
        var prompt = new PromptResult(systemPrompt, 8.5, 1, []);
        var document = new UnifiedDocument(
            Reference(category, name, null), "unified", "exa", "test/model", "test/critic", Generated,
            DefaultSources, prompt, cards, UsageSummary.Zero, 1);
        Write(OutputKind.Unified, category, name, JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.UnifiedDocument));
    }

    public void WritePrompt(string category, string name, string systemPrompt)
    {
        var document = new PromptDocument(
            Reference(category, name, null), "prompts", "exa", "test/model", "test/critic", Generated, systemPrompt, 8.0, 2, [],
            DefaultSources, UsageSummary.Zero, 1);
        Write(OutputKind.Prompts, category, name, JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.PromptDocument));
    }

    public void WriteRaw(OutputKind kind, string category, string fileName, string text)
    {
        var directory = Path.Combine(OutputDir, OutputKinds.NameOf(kind), category);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, fileName), text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }

    private static TopicReference Reference(string category, string name, string? title) =>
        new($"{category}/{name}.json", title ?? $"Topic {name}", "hash-" + name);

    private void Write(OutputKind kind, string category, string name, byte[] bytes)
    {
        var directory = Path.Combine(OutputDir, OutputKinds.NameOf(kind), category);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, name + ".json"), bytes);
    }
}
