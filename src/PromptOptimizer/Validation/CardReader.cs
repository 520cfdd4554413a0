using System.Text.Json;
using System.Text.RegularExpressions;
using PromptOptimizer.Cards;
using PromptOptimizer.Output;

namespace PromptOptimizer.Validation;

/// <summary>Reads and checks one card of a flashcard answer; every broken rule becomes an issue naming the card number.</summary>
internal sealed partial class CardReader
{
    private const string DefaultDifficulty = "medium";
    private static readonly string[] Difficulties = ["easy", "medium", "hard"];

    private readonly FlashcardRules _rules;
    private readonly SourceIndex _sources;

    public CardReader(FlashcardRules rules, SourceIndex sources)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
    }

    /// <summary>The card (with an empty id) when it passes every rule, else null; <paramref name="issues"/> gets errors, <paramref name="notes"/> harmless corrections.</summary>
    public Flashcard? Read(JsonElement element, int number, List<ValidationIssue> issues, List<ValidationIssue> notes) =>
        Read(element, number, issues, notes, out _);

    /// <inheritdoc cref="Read(JsonElement, int, List{ValidationIssue}, List{ValidationIssue})"/>
    /// <param name="duplicateKey">For a card that passes, its normalised content: equal keys mean duplicate cards.</param>
    public Flashcard? Read(JsonElement element, int number, List<ValidationIssue> issues, List<ValidationIssue> notes, out string? duplicateKey)
    {
        duplicateKey = null;
        var before = issues.Count;
        Action<string, string> fail = (rule, message) => issues.Add(new ValidationIssue(rule, $"card {number}: {message}"));

        if (element.ValueKind != JsonValueKind.Object)
        {
            fail(ValidationRules.Schema, $"must be an object, got {JsonFields.Describe(element)}");
            return null;
        }

        var type = ReadType(element, fail);
        var front = ReadString(element, "front", required: true, fail);
        var back = ReadString(element, "back", required: true, fail);
        var text = ReadString(element, "text", required: type == "cloze", fail);
        var tags = ReadTags(element, fail);
        var difficulty = ReadDifficulty(element, number, notes, fail);
        var sourceIds = ReadCitations(element, fail);

        CheckText(front, "front", _rules.MaxFront, ValidationRules.FrontLength, fail);
        CheckText(back, "back", _rules.MaxBack, ValidationRules.BackLength, fail);
        string? normalFront = null;
        string? normalBack = null;
        if (front is { Length: > 0 } && back is { Length: > 0 })
        {
            // Normalised once here; the duplicate key reuses them.
            normalFront = CardText.Normalize(front);
            normalBack = CardText.Normalize(back);
            if (normalFront == normalBack)
            {
                fail(ValidationRules.FrontEqualsBack, "the back repeats the front; the back must answer it");
            }
        }

        if (type == "cloze" && text is not null)
        {
            if (text.Length == 0)
            {
                fail(ValidationRules.Empty, "cloze \"text\" is empty");
            }
            else if (ClozeSyntax.Problem(text) is { } problem)
            {
                fail(ValidationRules.Cloze, problem);
            }
        }

        if (issues.Count > before || type is null || front is null || back is null || tags is null || sourceIds is null)
        {
            return null;
        }

        duplicateKey = type == "cloze"
            ? "cloze\u001f" + CardText.Normalize(text)
            : "basic\u001f" + normalFront + "\u001f" + normalBack;
        return new Flashcard(string.Empty, type, front, back, type == "cloze" ? text : null, tags, difficulty, sourceIds);
    }

    private static string? ReadType(JsonElement card, Action<string, string> fail)
    {
        var raw = ReadString(card, "type", required: true, fail);
        if (raw is null)
        {
            return null;
        }

        var type = raw.ToLowerInvariant();
        if (type is "basic" or "cloze")
        {
            return type;
        }

        fail(ValidationRules.Schema, $"\"type\" must be \"basic\" or \"cloze\", got \"{Clip(raw)}\"");
        return null;
    }

    /// <summary>The trimmed string value; null (with an issue when required or mistyped) otherwise.</summary>
    private static string? ReadString(JsonElement card, string name, bool required, Action<string, string> fail)
    {
        if (!JsonFields.TryGet(card, name, out var value))
        {
            if (required)
            {
                fail(ValidationRules.Schema, $"\"{name}\" is missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            fail(ValidationRules.Schema, $"\"{name}\" must be a string, got {JsonFields.Describe(value)}");
            return null;
        }

        return value.GetString()!.Trim();
    }

    private static void CheckText(string? value, string name, int limit, string lengthRule, Action<string, string> fail)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length == 0)
        {
            fail(ValidationRules.Empty, $"\"{name}\" is empty");
        }
        else if (value.Length > limit)
        {
            fail(lengthRule, $"{name} is {value.Length} characters, the limit is {limit}");
        }
    }

    private static List<string>? ReadTags(JsonElement card, Action<string, string> fail)
    {
        var tags = new List<string>();
        if (!JsonFields.TryGet(card, "tags", out var value))
        {
            return tags;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            fail(ValidationRules.Schema, $"\"tags\" must be an array of strings, got {JsonFields.Describe(value)}");
            return null;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                fail(ValidationRules.Schema, $"\"tags\" must hold only strings, got {JsonFields.Describe(item)}");
                return null;
            }

            // Anki separates tags with spaces, so a space inside a tag would split it.
            var trimmed = item.GetString()!.Trim();
            var tag = HasWhitespace(trimmed) ? Whitespace().Replace(trimmed, "_") : trimmed;
            if (tag.Length > 0 && !tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    private static string ReadDifficulty(JsonElement card, int number, List<ValidationIssue> notes, Action<string, string> fail)
    {
        var raw = ReadString(card, "difficulty", required: false, fail);
        if (string.IsNullOrEmpty(raw))
        {
            return DefaultDifficulty;
        }

        var difficulty = raw.ToLowerInvariant();
        if (Difficulties.Contains(difficulty))
        {
            return difficulty;
        }

        // Not worth a paid retry: the card is still good, only its label is replaced.
        notes.Add(new ValidationIssue(ValidationRules.Schema, $"card {number}: difficulty \"{Clip(raw)}\" is not easy, medium or hard; used medium"));
        return DefaultDifficulty;
    }

    private List<string>? ReadCitations(JsonElement card, Action<string, string> fail)
    {
        if (!JsonFields.TryGet(card, "source_ids", out var value))
        {
            fail(ValidationRules.Citation, $"\"source_ids\" is missing; cite at least one source ({_sources.Described})");
            return null;
        }

        var raw = new List<string>();
        if (value.ValueKind == JsonValueKind.String)
        {
            raw.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    fail(ValidationRules.Schema, $"\"source_ids\" must hold only strings, got {JsonFields.Describe(item)}");
                    return null;
                }

                raw.Add(item.GetString()!);
            }
        }
        else
        {
            fail(ValidationRules.Schema, $"\"source_ids\" must be an array of strings, got {JsonFields.Describe(value)}");
            return null;
        }

        raw.RemoveAll(string.IsNullOrWhiteSpace);
        if (raw.Count == 0)
        {
            fail(ValidationRules.Citation, $"\"source_ids\" is empty; cite at least one source ({_sources.Described})");
            return null;
        }

        var resolved = new List<string>();
        foreach (var citation in raw)
        {
            var id = _sources.Resolve(citation);
            if (id is null)
            {
                fail(ValidationRules.Citation, $"\"{Clip(citation.Trim())}\" is not a retrieved source ({_sources.Described})");
                return null;
            }

            if (!resolved.Contains(id, StringComparer.Ordinal))
            {
                resolved.Add(id);
            }
        }

        return resolved;
    }

    /// <summary>Whether <see cref="Whitespace"/> could match: the same set of characters as <c>\s</c>.</summary>
    private static bool HasWhitespace(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps echoed model text from bloating the retry prompt.</summary>
    private static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "...";

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
