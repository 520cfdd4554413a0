using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Simulator;

/// <summary>Reads the request JSON and the data blocks (&lt;topic&gt;, &lt;sources&gt;, ...) inside the messages.</summary>
internal static partial class ChatRequestParser
{
    private const int MaxCards = 200;

    /// <summary>Parses the body; returns null with an error message when it is not a usable request.</summary>
    public static ChatRequest? TryParse(JsonNode? body, out string error)
    {
        error = string.Empty;
        if (body is not JsonObject root)
        {
            error = "Request body must be a JSON object.";
            return null;
        }

        if (root["messages"] is not JsonArray messages || messages.Count == 0)
        {
            error = "Input required: specify \"messages\".";
            return null;
        }

        var model = StringOf(root["model"]) ?? "simulator/default";
        var all = new StringBuilder();
        var lastUser = string.Empty;
        foreach (var message in messages.OfType<JsonObject>())
        {
            var text = MessageText(message["content"]);
            all.Append(text).Append('\n');
            if (StringOf(message["role"]) == "user")
            {
                lastUser = text;
            }
        }

        var allText = all.ToString();
        var (webPlugin, maxResults) = WebPlugin(root["plugins"]);
        webPlugin |= model.EndsWith(":online", StringComparison.Ordinal);
        var (title, description, keywords) = Topic(allText, lastUser);

        var countMatch = CardCountRegex().Match(allText);
        var cardCount = countMatch.Success && int.TryParse(countMatch.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, MaxCards)
            : 10;

        return new ChatRequest
        {
            Model = model,
            SchemaName = StringOf(root["response_format"]?["json_schema"]?["name"]),
            WebPlugin = webPlugin,
            WebMaxResults = maxResults,
            MaxTokens = IntOf(root["max_completion_tokens"]) ?? IntOf(root["max_tokens"]),
            PromptCharacters = allText.Length,
            TopicTitle = title,
            Description = description,
            Keywords = keywords,
            Sources = Sources(allText),
            CardCount = cardCount,
            PreviousPrompt = Block(allText, "previous_prompt"),
            PromptUnderReview = Block(allText, "prompt_under_review"),
            LastUserText = lastUser,
        };
    }

    /// <summary>Number of <c>Revision: N</c> lines in a prompt.</summary>
    public static int CountRevisions(string? prompt) => prompt is null ? 0 : RevisionRegex().Count(prompt);

    private static (string Title, string Description, IReadOnlyList<string> Keywords) Topic(string allText, string lastUser)
    {
        var fallback = SimText.Truncate(lastUser.Trim(), 60);
        // The first <topic> block holding a JSON object: instructions may mention the tag in prose.
        var match = TopicRegex().Match(allText);
        if (!match.Success)
        {
            return (fallback, string.Empty, []);
        }

        var block = match.Groups[1].Value;

        try
        {
            if (JsonNode.Parse(block) is JsonObject topic)
            {
                var title = StringOf(topic["title"]);
                var keywords = topic["keywords"] is JsonArray array
                    ? array.Select(StringOf).OfType<string>().Where(k => k.Length > 0).ToList()
                    : [];
                return (string.IsNullOrWhiteSpace(title) ? fallback : title.Trim(), StringOf(topic["description"]) ?? string.Empty, keywords);
            }
        }
        catch (JsonException)
        {
            // A malformed block falls back like a missing one.
        }

        return (fallback, string.Empty, []);
    }

    private static List<SourceExcerpt> Sources(string allText)
    {
        var sources = new List<SourceExcerpt>();
        foreach (Match match in SourceRegex().Matches(allText))
        {
            var attributes = AttributeRegex().Matches(match.Groups[1].Value)
                .ToDictionary(a => a.Groups[1].Value, a => WebUtility.HtmlDecode(a.Groups[2].Value), StringComparer.Ordinal);
            if (!attributes.TryGetValue("id", out var id) || id.Length == 0 || sources.Exists(s => s.Id == id))
            {
                continue;
            }

            sources.Add(new SourceExcerpt(
                id,
                attributes.GetValueOrDefault("url") ?? string.Empty,
                attributes.GetValueOrDefault("title"),
                WebUtility.HtmlDecode(match.Groups[2].Value).Trim()));
        }

        return sources;
    }

    private static string? Block(string text, string tag)
    {
        var open = "<" + tag + ">";
        // The last opening tag: the data follows any instructions that name the tag.
        var start = text.LastIndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        // A tag merely named in instructions has no closing tag after it: that is not a block.
        start += open.Length;
        var end = text.IndexOf("</" + tag + ">", start, StringComparison.Ordinal);
        return end < 0 ? null : text[start..end].Trim();
    }

    private static (bool Enabled, int MaxResults) WebPlugin(JsonNode? plugins)
    {
        if (plugins is not JsonArray array)
        {
            return (false, 5);
        }

        foreach (var plugin in array.OfType<JsonObject>())
        {
            if (StringOf(plugin["id"]) == "web")
            {
                return (true, Math.Clamp(IntOf(plugin["max_results"]) ?? 5, 1, 100));
            }
        }

        return (false, 5);
    }

    private static string MessageText(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Join('\n', parts.OfType<JsonObject>().Select(p => StringOf(p["text"])).OfType<string>()),
        _ => string.Empty,
    };

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? IntOf(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<int>(out var number))
        {
            return number;
        }

        return value.TryGetValue<double>(out var real) && real is >= int.MinValue and <= int.MaxValue ? (int)real : null;
    }

    [GeneratedRegex(@"exactly (\d+) flashcards", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CardCountRegex();

    [GeneratedRegex(@"<topic>\s*(\{.*?\})\s*</topic>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TopicRegex();

    [GeneratedRegex(@"<source\s+([^>]*)>(.*?)</source>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SourceRegex();

    [GeneratedRegex(@"([A-Za-z_][\w-]*)=""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeRegex();

    [GeneratedRegex(@"^\s*Revision:\s*\d+\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RevisionRegex();
}
