using System.Text.Json;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Validation;

/// <summary>Builds flashcard answers the way a model would send them.</summary>
internal static class FlashcardAnswers
{
    public static readonly IReadOnlyList<SourceDocument> Sources =
    [
        new("S1", "https://example.org/one", "One", null),
        new("S2", "https://example.org/two/", "Two", null),
        new("S3", "https://example.org/three", "Three", "2025-01-01"),
    ];

    public static Dictionary<string, object?> Basic(string front, string back, params string[] sources) => new()
    {
        ["type"] = "basic",
        ["front"] = front,
        ["back"] = back,
        ["tags"] = new[] { "sql" },
        ["difficulty"] = "easy",
        ["source_ids"] = sources.Length == 0 ? new[] { "S1" } : sources,
    };

    public static Dictionary<string, object?> Cloze(string text, params string[] sources) => new()
    {
        ["type"] = "cloze",
        ["front"] = "Complete the sentence",
        ["back"] = "See the cloze text",
        ["text"] = text,
        ["tags"] = Array.Empty<string>(),
        ["difficulty"] = "medium",
        ["source_ids"] = sources.Length == 0 ? new[] { "S1" } : sources,
    };

    /// <summary>Distinct valid basic cards: "Question 1?" / "Answer 1", ...</summary>
    public static List<Dictionary<string, object?>> ValidCards(int count) =>
        Enumerable.Range(1, count).Select(i => Basic($"Question {i}?", $"Answer {i}")).ToList();

    public static string Answer(IEnumerable<Dictionary<string, object?>> cards) => JsonSerializer.Serialize(new { cards });
}
