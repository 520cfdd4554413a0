using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Output;

namespace PromptOptimizer.Validation;

/// <summary>
/// Validates a flashcard answer (<c>{"cards":[...]}</c> or a bare array of cards). Broken cards and exact duplicates are
/// dropped; the answer is rejected only when its JSON is unusable or too few valid cards remain.
/// </summary>
internal sealed class FlashcardValidator
{
    private readonly FlashcardRules _rules;

    public FlashcardValidator(FlashcardRules? rules = null)
    {
        _rules = rules ?? FlashcardRules.Default;
    }

    public FlashcardRules Rules => _rules;

    /// <param name="content">The model's raw answer.</param>
    /// <param name="cardCount">How many cards were requested (at least 1).</param>
    /// <param name="sources">The sources retrieved for the topic; cards may cite only these.</param>
    public FlashcardValidation Validate(string? content, int cardCount, IReadOnlyList<SourceDocument> sources)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cardCount, 1);
        ArgumentNullException.ThrowIfNull(sources);

        if (!JsonAnswerExtractor.TryExtract(content, out var root, out var jsonIssue))
        {
            return FlashcardValidation.Rejected(jsonIssue);
        }

        if (!TryGetCards(root, out var items, out var shapeIssue))
        {
            return FlashcardValidation.Rejected(shapeIssue!);
        }

        var reader = new CardReader(_rules, new SourceIndex(sources));
        var problems = new List<ValidationIssue>();
        var notes = new List<ValidationIssue>();
        var kept = new List<Flashcard>();
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var item in items)
        {
            number++;
            var card = reader.Read(item, number, problems, notes, out var key);
            if (card is null || key is null)
            {
                continue;
            }

            if (firstByKey.TryGetValue(key, out var original))
            {
                problems.Add(new ValidationIssue(ValidationRules.Duplicate, $"card {number} duplicates card {original}"));
                continue;
            }

            firstByKey.Add(key, number);
            kept.Add(card);
        }

        var needed = _rules.MinimumValid(cardCount);
        if (kept.Count < needed)
        {
            var errors = new List<ValidationIssue>
            {
                new(ValidationRules.Count, $"only {kept.Count} valid cards of {cardCount} requested; at least {needed} are needed"),
            };
            errors.AddRange(OneExamplePerRule(problems));
            return new FlashcardValidation([], errors, notes);
        }

        var warnings = new List<ValidationIssue>(problems);
        warnings.AddRange(notes);
        if (kept.Count > cardCount)
        {
            warnings.Add(new ValidationIssue(ValidationRules.Count, $"the answer had {kept.Count} valid cards; kept the first {cardCount}"));
            kept.RemoveRange(cardCount, kept.Count - cardCount);
        }

        var cards = kept.Select((card, i) => card with { Id = "c" + (i + 1).ToString("00", CultureInfo.InvariantCulture) }).ToList();
        return new FlashcardValidation(cards, [], warnings);
    }

    private static bool TryGetCards(JsonElement root, out JsonElement.ArrayEnumerator items, out ValidationIssue? issue)
    {
        items = default;
        issue = null;
        var cards = root;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (!JsonFields.TryGet(root, "cards", out cards))
            {
                issue = new ValidationIssue(ValidationRules.Schema, "the answer must be an object {\"cards\":[...]}; \"cards\" is missing");
                return false;
            }
        }
        else if (root.ValueKind != JsonValueKind.Array)
        {
            issue = new ValidationIssue(ValidationRules.Schema, $"the answer must be an object {{\"cards\":[...]}}, got {JsonFields.Describe(root)}");
            return false;
        }

        if (cards.ValueKind != JsonValueKind.Array)
        {
            issue = new ValidationIssue(ValidationRules.Schema, $"\"cards\" must be an array, got {JsonFields.Describe(cards)}");
            return false;
        }

        items = cards.EnumerateArray();
        return true;
    }

    /// <summary>The first issue of each rule, noting how many other cards broke it, so the retry prompt stays short.</summary>
    private static IEnumerable<ValidationIssue> OneExamplePerRule(List<ValidationIssue> problems) =>
        problems.GroupBy(p => p.Rule, StringComparer.Ordinal).Select(group =>
        {
            var others = group.Count() - 1;
            var first = group.First();
            return others == 0
                ? first
                : first with { Message = $"{first.Message} (and {others} more like it)" };
        });
}
