using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>
/// One JSON object per line: <c>{"kind":"card",...}</c> for each card with its topic and cited sources, and
/// <c>{"kind":"system_prompt",...}</c> for each prompt (prompts and unified outputs).
/// </summary>
internal sealed class JsonlExportWriter : IExportWriter
{
    // Lines are data, not HTML: keep non-ASCII text readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<ExportWriteCounts> WriteAsync(IReadOnlyList<ExportTopic> topics, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var lines = 0;
        var cards = 0;
        var used = 0;
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        foreach (var topic in topics)
        {
            var before = lines;
            if (!string.IsNullOrWhiteSpace(topic.SystemPrompt))
            {
                WritePrompt(json, topic);
                lines++;
                await FlushLineAsync(json, buffer, output, cancellationToken).ConfigureAwait(false);
            }

            foreach (var card in topic.Cards)
            {
                WriteCard(json, topic, card);
                lines++;
                cards++;
                await FlushLineAsync(json, buffer, output, cancellationToken).ConfigureAwait(false);
            }

            used += lines > before ? 1 : 0;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ExportWriteCounts(used, lines, cards, 0, []);
    }

    private static async Task FlushLineAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, Stream output, CancellationToken cancellationToken)
    {
        json.Flush();
        buffer.Write("\n"u8);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
        json.Reset(buffer);
    }

    private static void WritePrompt(Utf8JsonWriter json, ExportTopic topic)
    {
        json.WriteStartObject();
        json.WriteString("kind", "system_prompt");
        WriteTopic(json, topic);
        json.WriteString("system_prompt", topic.SystemPrompt);
        json.WriteEndObject();
    }

    private static void WriteCard(Utf8JsonWriter json, ExportTopic topic, Flashcard card)
    {
        json.WriteStartObject();
        json.WriteString("kind", "card");
        WriteTopic(json, topic);
        json.WriteStartObject("card");
        json.WriteString("id", card.Id);
        json.WriteString("type", card.Type);
        json.WriteString("front", card.Front);
        json.WriteString("back", card.Back);
        json.WriteString("text", card.Text);
        WriteStrings(json, "tags", card.Tags);
        json.WriteString("difficulty", card.Difficulty);
        WriteStrings(json, "source_ids", card.SourceIds);
        json.WriteEndObject();
        json.WriteStartArray("sources");
        foreach (var source in topic.CitedSources(card))
        {
            json.WriteStartObject();
            json.WriteString("id", source.Id);
            json.WriteString("url", source.Url);
            json.WriteString("title", source.Title);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTopic(Utf8JsonWriter json, ExportTopic topic)
    {
        json.WriteStartObject("topic");
        json.WriteString("path", topic.Topic.Path);
        json.WriteString("title", topic.Topic.Title);
        json.WriteEndObject();
        json.WriteString("category", topic.Category);
        json.WriteString("generated_at", topic.GeneratedAt);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
