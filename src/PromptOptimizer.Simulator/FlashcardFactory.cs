using System.Globalization;
using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>Builds the <c>flashcards</c> answer: exactly N distinct, valid, cited cards unless a card-level kind breaks them.</summary>
internal static class FlashcardFactory
{
    private const string Deletion = "[...]";
    private static readonly string[] Difficulties = ["easy", "medium", "hard"];

    private static readonly string[] BasicFronts =
    [
        "What problem does {s} address in {t}?",
        "Why does {s} matter when dealing with {t}?",
        "How would you explain {s} to a newcomer studying {t}?",
        "What is a common mistake involving {s}?",
        "Which warning sign suggests that {s} is being handled badly?",
        "When should {s} be reviewed in a {t} project?",
        "What evidence supports the importance of {s} for {t}?",
        "How can you tell whether {s} was applied correctly?",
    ];

    private static readonly string[] ClozeTexts =
    [
        "{c} is a core idea of {t}.",
        "In {t}, careful attention to {c} prevents costly mistakes.",
        "Reviewing {c} regularly keeps {t} practice sound.",
        "Most incidents in {t} trace back to neglected {c}.",
    ];

    public static JsonObject Create(ChatRequest request, IReadOnlyList<SourceExcerpt> citable, int seed, string? kind)
    {
        var title = SimText.Truncate(request.TopicTitle, 60);
        var subjects = Subjects(request, seed);
        var shift = (int)((SimText.Hash(request.TopicTitle, seed) >> 32) % 1024);
        var cards = new List<JsonObject>();
        var fronts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int basic = 0, cloze = 0;
        for (var i = 0; i < request.CardCount; i++)
        {
            var citations = Citations(citable, i);
            var isCloze = i % 4 == 3;
            var card = isCloze
                ? Cloze(title, subjects, cloze++, shift, citations, citable)
                : Basic(title, subjects, basic++, shift, citations, citable);
            var front = (string)card["front"]!;
            if (!fronts.Add(front))
            {
                front = front.TrimEnd('?', '.') + $" (aspect {(i + 1).ToString(CultureInfo.InvariantCulture)})" + (isCloze ? "." : "?");
                fronts.Add(front);
                card["front"] = front;
            }

            card["tags"] = new JsonArray(SimText.Slug(title), SimText.Slug((string)card["subject"]!));
            card.Remove("subject");
            card["difficulty"] = Difficulties[i % Difficulties.Length];
            card["source_ids"] = new JsonArray(citations.Select(c => (JsonNode)c.Id).ToArray());
            cards.Add(card);
        }

        if (kind is not null && SimKinds.CardLevel.Contains(kind))
        {
            cards = Break(cards, kind, request, title);
        }

        return new JsonObject { ["cards"] = new JsonArray(cards.ToArray<JsonNode>()) };
    }

    private static JsonObject Basic(string title, List<string> subjects, int b, int shift, IReadOnlyList<SourceExcerpt> citations, IReadOnlyList<SourceExcerpt> citable)
    {
        // Walk (template, subject) pairs so the first templates x subjects fronts never repeat.
        var template = (b + shift) % BasicFronts.Length;
        var subject = subjects[((b / BasicFronts.Length) + template) % subjects.Count];
        var front = BasicFronts[template].Replace("{s}", subject, StringComparison.Ordinal).Replace("{t}", title, StringComparison.Ordinal);
        return new JsonObject
        {
            ["type"] = "basic",
            ["front"] = SimText.Capitalize(front),
            ["back"] = Back(subject, title, citations, b, citable.Count),
            ["text"] = string.Empty,
            ["subject"] = subject,
        };
    }

    private static JsonObject Cloze(string title, List<string> subjects, int c, int shift, IReadOnlyList<SourceExcerpt> citations, IReadOnlyList<SourceExcerpt> citable)
    {
        var template = (c + shift) % ClozeTexts.Length;
        var subject = SimText.FirstWords(subjects[((c / ClozeTexts.Length) + template + 1) % subjects.Count], 4);
        var pattern = ClozeTexts[template].Replace("{t}", title, StringComparison.Ordinal);
        var capitalizeAnswer = pattern.StartsWith("{c}", StringComparison.Ordinal);
        var answer = capitalizeAnswer ? SimText.Capitalize(subject) : subject;
        return new JsonObject
        {
            ["type"] = "cloze",
            ["front"] = pattern.Replace("{c}", Deletion, StringComparison.Ordinal),
            ["back"] = Back(subject, title, citations, c + 1, citable.Count),
            ["text"] = pattern.Replace("{c}", "{{c1::" + answer + "}}", StringComparison.Ordinal),
            ["subject"] = subject,
        };
    }

    private static string Back(string subject, string title, IReadOnlyList<SourceExcerpt> citations, int index, int sourceCount)
    {
        if (citations.Count == 0 || sourceCount == 0)
        {
            return $"{SimText.Capitalize(subject)} shapes how practitioners reason about {title}; overlooking it is a frequent cause of errors.";
        }

        var sentences = citations[0].Text
            .Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 10)
            .ToList();
        if (sentences.Count == 0)
        {
            return $"{SimText.Capitalize(subject)} matters for {title}, as source {citations[0].Id} explains.";
        }

        var sentence = sentences[(index / Math.Max(1, sourceCount)) % sentences.Count].TrimEnd('.');
        return SimText.Truncate($"{SimText.Capitalize(subject)}: {sentence}.", 400);
    }

    private static List<SourceExcerpt> Citations(IReadOnlyList<SourceExcerpt> citable, int i)
    {
        if (citable.Count == 0)
        {
            return [];
        }

        var first = citable[i % citable.Count];
        return i % 2 == 1 && citable.Count > 1 ? [first, citable[(i + 1) % citable.Count]] : [first];
    }

    private static List<string> Subjects(ChatRequest request, int seed)
    {
        // Keywords make the best subjects; title words only stand in when there are none, because a title word
        // as a cloze answer would be given away by the title in the same sentence.
        var keywords = request.Keywords.Select(k => SimText.Truncate(k.Trim(), 40)).Where(k => k.Length > 0).ToList();
        var subjects = (keywords.Count > 0 ? keywords : SimText.ContentWords(request.TopicTitle))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (subjects.Count == 0)
        {
            subjects.Add(SimText.Truncate(request.TopicTitle, 40));
        }

        // The seed rotates which subject comes first, so different seeds give different (still valid) decks.
        var shift = (int)(SimText.Hash(request.TopicTitle, seed) % (ulong)subjects.Count);
        return subjects.Skip(shift).Concat(subjects.Take(shift)).ToList();
    }

    private static List<JsonObject> Break(List<JsonObject> cards, string kind, ChatRequest request, string title)
    {
        const string Filler = "Explain every assumption behind this in full detail.";
        if (kind == SimKinds.FewCards)
        {
            return cards.Take(request.CardCount / 2).ToList();
        }

        if (kind == SimKinds.Duplicates)
        {
            return cards.Select(_ => (JsonObject)cards[0].DeepClone()).ToList();
        }

        for (var i = 0; i < cards.Count; i++)
        {
            var card = cards[i];
            switch (kind)
            {
                case SimKinds.BadCitation:
                    card["source_ids"] = new JsonArray(request.WebPlugin ? "https://not-retrieved.example/x" : "S99");
                    break;
                case SimKinds.LongFront:
                    card["front"] = (string)card["front"]! + " " + string.Join(' ', Enumerable.Repeat(Filler, 5));
                    break;
                case SimKinds.LongBack:
                    card["back"] = (string)card["back"]! + " " + string.Join(' ', Enumerable.Repeat(Filler, 11));
                    break;
                case SimKinds.EmptyField:
                    card["back"] = string.Empty;
                    break;
                case SimKinds.SameFrontBack:
                    card["back"] = (string)card["front"]!;
                    break;
                case SimKinds.BadCloze:
                    var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                    var text = i % 2 == 0 ? $"{{{{c2::x}}}} is the only deletion in card {n}." : $"{{{{c1::broken}} braces in card {n} about {title}.";
                    card["type"] = "cloze";
                    card["text"] = text;
                    card["front"] = text;
                    card["back"] = "x";
                    break;
            }
        }

        return cards;
    }
}
