using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PromptOptimizer.Topics;

/// <summary>
/// Turns a topic file's bytes into a <see cref="TopicDefinition"/>, or an error naming the problem; never throws.
/// The content hash covers the bytes exactly as read, BOM included, so any edit to the file changes it.
/// </summary>
internal static class TopicParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses topic bytes (already read) into a topic or an error.</summary>
    public static TopicLoadResult Parse(string relativePath, ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return TopicLoadResult.Invalid(relativePath, "file is not valid UTF-8");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var json = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            return TopicLoadResult.Invalid(relativePath, $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return TopicLoadResult.Invalid(relativePath, $"expected a JSON object, found {TopicFieldReader.Describe(root.ValueKind)}");
            }

            var reader = new TopicFieldReader(root);
            var title = reader.String("title");
            var description = reader.String("description");
            var audience = reader.String("audience");
            var difficulty = reader.String("difficulty");
            var searchQuery = reader.String("search_query");
            var keywords = reader.StringArray("keywords");
            var cardCount = reader.Int("card_count");

            if (reader.Error is not null)
            {
                return TopicLoadResult.Invalid(relativePath, reader.Error);
            }

            if (string.IsNullOrWhiteSpace(title))
            {
                return TopicLoadResult.Invalid(relativePath, title is null ? "missing required field 'title'" : "field 'title' is empty");
            }

            var count = cardCount ?? TopicDefinition.DefaultCardCount;
            if (count is < 1 or > TopicDefinition.MaxCardCount)
            {
                return TopicLoadResult.Invalid(relativePath, $"field 'card_count' is {count}, allowed 1..{TopicDefinition.MaxCardCount}");
            }

            var (category, name) = TopicPath.Split(relativePath);
            return TopicLoadResult.Ok(new TopicDefinition(
                relativePath, category, name, title.Trim(), NullIfBlank(description), keywords ?? [],
                NullIfBlank(audience), NullIfBlank(difficulty), count, NullIfBlank(searchQuery), hash));
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
