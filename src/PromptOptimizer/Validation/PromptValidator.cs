using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Output;

namespace PromptOptimizer.Validation;

/// <summary>Validates the prompt-optimisation answers: drafts <c>{"system_prompt":"..."}</c> and critiques <c>{"scores":{...},"weaknesses":[...]}</c>.</summary>
internal sealed class PromptValidator
{
    public const int DefaultMinPromptLength = 200;
    public const int DefaultMaxPromptLength = 20_000;
    public const int MinScore = 1;
    public const int MaxScore = 10;

    private static readonly string[] ScoreNames = ["grounding", "coverage", "clarity", "safety", "format"];

    /// <param name="minPromptLength">Shortest accepted system prompt, in characters.</param>
    /// <param name="maxPromptLength">Longest accepted system prompt, in characters.</param>
    public PromptValidator(int minPromptLength = DefaultMinPromptLength, int maxPromptLength = DefaultMaxPromptLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minPromptLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPromptLength, minPromptLength);
        MinPromptLength = minPromptLength;
        MaxPromptLength = maxPromptLength;
    }

    public int MinPromptLength { get; }

    public int MaxPromptLength { get; }

    public PromptDraftValidation ValidateDraft(string? content)
    {
        if (!JsonAnswerExtractor.TryExtract(content, out var root, out var jsonIssue))
        {
            return new PromptDraftValidation(null, [jsonIssue]);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return DraftError($"the answer must be an object {{\"system_prompt\":\"...\"}}, got {JsonFields.Describe(root)}");
        }

        if (!JsonFields.TryGet(root, "system_prompt", out var value))
        {
            return DraftError("\"system_prompt\" is missing; reply with {\"system_prompt\":\"...\"}");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return DraftError($"\"system_prompt\" must be a string, got {JsonFields.Describe(value)}");
        }

        var prompt = value.GetString()!.Trim();
        if (prompt.Length == 0)
        {
            return DraftError("\"system_prompt\" is empty");
        }

        if (prompt.Length < MinPromptLength)
        {
            return DraftError($"\"system_prompt\" is {prompt.Length} characters, at least {MinPromptLength} are needed");
        }

        return prompt.Length > MaxPromptLength
            ? DraftError($"\"system_prompt\" is {prompt.Length} characters, the limit is {MaxPromptLength}")
            : new PromptDraftValidation(prompt, []);
    }

#pragma warning disable CA1822 // An instance method like ValidateDraft, so callers hold one validator for both answers.
    public CritiqueValidation ValidateCritique(string? content)
    {
        if (!JsonAnswerExtractor.TryExtract(content, out var root, out var jsonIssue))
        {
            return new CritiqueValidation(null, [], [jsonIssue]);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return CritiqueError($"the answer must be an object {{\"scores\":{{...}},\"weaknesses\":[...]}}, got {JsonFields.Describe(root)}");
        }

        // Some critics put the scores at the top level; accept that rather than pay for a retry.
        if (!JsonFields.TryGet(root, "scores", out var scores))
        {
            scores = root;
        }

        if (scores.ValueKind != JsonValueKind.Object)
        {
            return CritiqueError($"\"scores\" must be an object, got {JsonFields.Describe(scores)}");
        }

        var errors = new List<ValidationIssue>();
        var values = new int[ScoreNames.Length];
        for (var i = 0; i < ScoreNames.Length; i++)
        {
            if (ReadScore(scores, ScoreNames[i], out values[i]) is { } problem)
            {
                errors.Add(new ValidationIssue(ValidationRules.Critique, problem));
            }
        }

        var weaknesses = ReadWeaknesses(root, errors);
        if (errors.Count > 0)
        {
            return new CritiqueValidation(null, [], errors);
        }

        return new CritiqueValidation(new RubricScores(values[0], values[1], values[2], values[3], values[4]), weaknesses, []);
    }
#pragma warning restore CA1822

    /// <summary>Null when the score is a whole number in range, otherwise the problem.</summary>
    private static string? ReadScore(JsonElement scores, string name, out int score)
    {
        score = 0;
        if (!JsonFields.TryGet(scores, name, out var value))
        {
            return $"scores.{name} is missing";
        }

        var number = 0d;
        var parsed = value.ValueKind == JsonValueKind.Number
            ? value.TryGetDouble(out number)
            : value.ValueKind == JsonValueKind.String
                && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        if (!parsed || !double.IsFinite(number))
        {
            return $"scores.{name} must be a whole number from {MinScore} to {MaxScore}, got {JsonFields.Describe(value)}";
        }

        if (number != Math.Round(number) || number < MinScore || number > MaxScore)
        {
            return $"scores.{name} must be a whole number from {MinScore} to {MaxScore}, got {number.ToString(CultureInfo.InvariantCulture)}";
        }

        score = (int)number;
        return null;
    }

    private static List<string> ReadWeaknesses(JsonElement root, List<ValidationIssue> errors)
    {
        var weaknesses = new List<string>();
        if (!JsonFields.TryGet(root, "weaknesses", out var value))
        {
            return weaknesses;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationIssue(ValidationRules.Critique, $"\"weaknesses\" must be an array of strings, got {JsonFields.Describe(value)}"));
            return weaknesses;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new ValidationIssue(ValidationRules.Critique, $"\"weaknesses\" must hold only strings, got {JsonFields.Describe(item)}"));
                return weaknesses;
            }

            var text = item.GetString()!.Trim();
            if (text.Length > 0)
            {
                weaknesses.Add(text);
            }
        }

        return weaknesses;
    }

    private static PromptDraftValidation DraftError(string message) => new(null, [new ValidationIssue(ValidationRules.Prompt, message)]);

    private static CritiqueValidation CritiqueError(string message) => new(null, [], [new ValidationIssue(ValidationRules.Critique, message)]);
}
