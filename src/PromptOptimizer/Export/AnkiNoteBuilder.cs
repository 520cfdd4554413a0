using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using PromptOptimizer.Cards;
using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>Turns cards into Anki notes: deck per topic, deterministic guids, escaped fields, simple tags.</summary>
internal static class AnkiNoteBuilder
{
    /// <summary>The root of every exported deck name.</summary>
    public const string RootDeck = "PromptOptimizer";

    /// <summary>Builds a note, or says why the card cannot become one (Anki would make no card from it).</summary>
    public static bool TryCreate(ExportTopic topic, Flashcard card, [NotNullWhen(true)] out AnkiNote? note, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(card);
        note = null;
        var sources = SourcesHtml(topic, card);
        var guid = Guid(topic.Topic.Path, card.Id);
        var deck = DeckName(topic);
        var tags = Tags(topic, card);
        var mod = topic.GeneratedAt.ToUnixTimeSeconds();

        if (CardText.IsCloze(card.Type))
        {
            var numbers = ClozeSyntax.CardNumbers(card.Text);
            if (numbers.Count == 0)
            {
                problem = $"card {card.Id}: cloze text has no {{{{cN::...}}}} deletion; skipped";
                return false;
            }

            note = new AnkiNote(guid, Cloze: true, deck, [CardHtml.FromPlainText(card.Text!), CardHtml.FromPlainText(card.Back), sources],
                tags, mod, numbers.Select(n => n - 1).ToList());
            problem = null;
            return true;
        }

        if (!CardText.IsBasic(card.Type))
        {
            problem = $"card {card.Id}: unknown card type '{card.Type}'; skipped";
            return false;
        }

        if (string.IsNullOrWhiteSpace(card.Front))
        {
            problem = $"card {card.Id}: basic card has an empty front; skipped";
            return false;
        }

        note = new AnkiNote(guid, Cloze: false, deck, [CardHtml.FromPlainText(card.Front), CardHtml.FromPlainText(card.Back), sources],
            tags, mod, [0]);
        problem = null;
        return true;
    }

    /// <summary><c>PromptOptimizer::&lt;category&gt;::&lt;title&gt;</c> with each part made safe for Anki's deck names.</summary>
    public static string DeckName(ExportTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var title = string.IsNullOrWhiteSpace(topic.Topic.Title) ? topic.Name : topic.Topic.Title;
        return RootDeck + "::" + DeckPart(topic.Category) + "::" + DeckPart(title);
    }

    /// <summary>The deck and each of its parents, root first (<c>A</c>, <c>A::B</c>, <c>A::B::C</c>).</summary>
    public static IEnumerable<string> DeckAndParents(string deck)
    {
        var index = deck.IndexOf("::", StringComparison.Ordinal);
        while (index > 0)
        {
            yield return deck[..index];
            index = deck.IndexOf("::", index + 2, StringComparison.Ordinal);
        }

        yield return deck;
    }

    /// <summary>A deck id derived from its name (52 bits, never the Default deck's 1), so re-exports reuse the same deck.</summary>
    public static long DeckId(string deckName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("deck\n" + deckName));
        var value = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) >> 12);
        return value < 1_000_000 ? value + 1_000_000 : value;
    }

    /// <summary>16 hex digits of SHA-256 over topic path and card id.</summary>
    public static string Guid(string topicPath, string cardId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("note\n" + topicPath + "\n" + cardId));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>Category, topic name, difficulty and the card's own tags: no spaces, no <c>::</c>, no repeats.</summary>
    public static IReadOnlyList<string> Tags(ExportTopic topic, Flashcard card)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(card);
        var tags = new List<string>();
        foreach (var raw in (IEnumerable<string>)[topic.Category, topic.Name, card.Difficulty, .. card.Tags])
        {
            var tag = SimpleTag(raw);
            if (tag.Length > 0 && !tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    /// <summary>Links to the card's cited sources that exist in the file; non-web URLs are shown as text, never linked.</summary>
    public static string SourcesHtml(ExportTopic topic, Flashcard card)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var parts = new List<string>();
        foreach (var source in topic.CitedSources(card))
        {
            var label = CardHtml.Escape(string.IsNullOrWhiteSpace(source.Title) ? source.Url : source.Title.Trim());
            parts.Add(IsWebUrl(source.Url) ? $"<a href=\"{CardHtml.Escape(source.Url)}\">{label}</a>" : label);
        }

        return string.Join("<br>", parts);
    }

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string SimpleTag(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return "";
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
        {
            builder.Append(char.IsWhiteSpace(c) || char.IsControl(c) || c is ':' or '"' ? '_' : c);
        }

        return builder.ToString().Trim('_');
    }

    private static string DeckPart(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (c == '"')
            {
                continue;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        var part = builder.ToString();
        while (part.Contains("::", StringComparison.Ordinal))
        {
            part = part.Replace("::", ": ", StringComparison.Ordinal);
        }

        part = part.Trim();
        return part.Length == 0 ? "Untitled" : part;
    }
}
