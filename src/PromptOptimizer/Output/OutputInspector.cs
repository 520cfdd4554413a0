using System.Text.Json;

namespace PromptOptimizer.Output;

/// <summary>Reads an existing output file far enough to know whether it is complete and for which topic version.</summary>
internal static class OutputInspector
{
    /// <summary>
    /// True when the file parses as the product's document and has content (cards or a system prompt);
    /// <paramref name="contentHash"/> is the topic version it was made from.
    /// </summary>
    public static bool TryRead(string path, OutputKind kind, out string contentHash, out string json)
    {
        contentHash = "";
        json = "";
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            json = File.ReadAllText(path);
            switch (kind)
            {
                case OutputKind.Flashcards:
                {
                    var document = JsonSerializer.Deserialize(json, OutputJsonContext.Default.FlashcardDocument);
                    contentHash = document?.Topic?.ContentHash ?? "";
                    return document?.Cards is { Count: > 0 } && contentHash.Length > 0;
                }

                case OutputKind.Prompts:
                {
                    var document = JsonSerializer.Deserialize(json, OutputJsonContext.Default.PromptDocument);
                    contentHash = document?.Topic?.ContentHash ?? "";
                    return !string.IsNullOrWhiteSpace(document?.SystemPrompt) && contentHash.Length > 0;
                }

                case OutputKind.Unified:
                {
                    var document = JsonSerializer.Deserialize(json, OutputJsonContext.Default.UnifiedDocument);
                    contentHash = document?.Topic?.ContentHash ?? "";
                    return document?.Cards is { Count: > 0 } && !string.IsNullOrWhiteSpace(document.Prompt?.SystemPrompt) && contentHash.Length > 0;
                }

                default:
                    return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return false;
        }
    }
}
