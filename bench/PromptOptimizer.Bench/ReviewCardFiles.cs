using System.Globalization;
using System.Text.Json.Nodes;

namespace PromptOptimizer.Bench;

/// <summary>
/// Flashcard output files written directly in the CLI's format (<c>output/flashcards/&lt;category&gt;/&lt;name&gt;.json</c>),
/// ten cards each (seven basic, three cloze) citing two sources, with words that vary by topic and card so that the
/// card index's full-text search has a realistic vocabulary. Each carries its topic's path and content hash, so a run
/// adopts them as completed.
/// </summary>
internal static class ReviewCardFiles
{
    public const int CardsPerTopic = 10;

    private static readonly string[] Subjects = ["back-pressure", "a cache", "a queue", "a retry budget", "a circuit breaker", "a lease", "a partition", "a checkpoint"];
    private static readonly string[] Verbs = ["protects", "delays", "bounds", "orders", "replays", "sheds", "batches", "isolates"];

    public static void Write(string outputRoot, TopicTree topics)
    {
        for (var i = 0; i < topics.Count; i++)
        {
            var path = Path.Combine(outputRoot, "flashcards", TopicTree.PathOf(i));
            if (i % 1000 == 0)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }

            File.WriteAllText(path, Document(i, topics.HashOf(i)).ToJsonString());
        }
    }

    /// <summary>The id of card <paramref name="card"/> (0-based) of every file.</summary>
    public static string CardId(int card) => string.Create(CultureInfo.InvariantCulture, $"c{card + 1}");

    private static JsonObject Document(int topic, string hash)
    {
        var cards = new JsonArray();
        for (var c = 0; c < CardsPerTopic; c++)
        {
            cards.Add(Card(topic, c));
        }

        return new JsonObject
        {
            ["topic"] = new JsonObject { ["path"] = TopicTree.PathOf(topic), ["title"] = TopicTree.TitleOf(topic), ["content_hash"] = hash },
            ["mode"] = "flashcards",
            ["research"] = "web-plugin",
            ["model"] = "openai/gpt-4o-mini",
            ["generated_at"] = "2026-01-01T00:00:00+00:00",
            ["sources"] = new JsonArray(Source(topic, 1), Source(topic, 2)),
            ["cards"] = cards,
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1800, ["completion_tokens"] = 900, ["cost_usd"] = 0.0008, ["search_cost_usd"] = 0.004, ["estimated"] = false },
            ["attempts"] = 1,
        };
    }

    private static JsonObject Card(int topic, int card)
    {
        var subject = Subjects[(topic + card) % Subjects.Length];
        var verb = Verbs[(topic * 7 + card) % Verbs.Length];
        var cloze = card >= 7;
        var text = cloze ? Str($"In system {topic}, {{{{c1::{subject}}}}} {verb} the consumers of stage {card}.") : null;
        return new JsonObject
        {
            ["id"] = CardId(card),
            ["type"] = cloze ? "cloze" : "basic",
            ["front"] = cloze ? text : Str($"Why does {subject} in system {topic} stage {card} matter when load spikes?"),
            ["back"] = cloze ? "" : Str($"Because {subject} {verb} the slowest consumer, so queues stay bounded in system {topic}."),
            ["text"] = text,
            ["tags"] = new JsonArray("bench", Str($"stage-{card}")),
            ["difficulty"] = "medium",
            ["source_ids"] = new JsonArray(card % 2 == 0 ? "S1" : "S2"),
        };
    }

    private static JsonObject Source(int topic, int n) => new()
    {
        ["id"] = Str($"S{n}"),
        ["url"] = Str($"https://example.org/systems/{topic}/{n}"),
        ["title"] = Str($"Flow control in system {topic}, part {n}"),
        ["published"] = null,
        ["excerpt"] = Str($"System {topic} applies back-pressure: when a consumer falls behind, producers slow down and queues stay bounded. Part {n} describes caches, leases and retry budgets."),
    };

    private static string Str(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
