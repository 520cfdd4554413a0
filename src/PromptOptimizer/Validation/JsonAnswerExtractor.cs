using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Validation;

/// <summary>
/// Finds the JSON in a model answer. Providers that ignore <c>response_format</c> wrap it in a code fence or in prose,
/// so the answer is tried as-is, then fence by fence, then each top-level balanced <c>{...}</c> or <c>[...]</c> in turn.
/// </summary>
internal static partial class JsonAnswerExtractor
{
    private const int MaxErrorDetail = 160;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Extracts the answer's JSON value, or a <see cref="ValidationRules.Json"/> issue saying why there is none.</summary>
    /// <param name="root">A self-contained element (no document to dispose).</param>
    public static bool TryExtract(string? content, out JsonElement root, [NotNullWhen(false)] out ValidationIssue? issue)
    {
        root = default;
        if (string.IsNullOrWhiteSpace(content))
        {
            issue = new ValidationIssue(ValidationRules.Json, "the answer is empty; reply with the JSON object only");
            return false;
        }

        var trimmed = content.Trim();
        if (TryParse(trimmed, out root, out var lastError))
        {
            issue = null;
            return true;
        }

        foreach (Match fence in CodeFence().Matches(trimmed))
        {
            if (TryParse(fence.Groups["body"].Value.Trim(), out root, out var fenceError))
            {
                issue = null;
                return true;
            }

            lastError = fenceError;
        }

        // Only top-level groups are candidates: after a group, scanning resumes behind it, so an inner object or
        // array of a broken answer is never mistaken for the answer. The longest group that parses wins, so a
        // "[1]" or "{like this}" in the prose around the answer does not.
        var sawStart = false;
        var sawIncomplete = false;
        var bestLength = 0;
        var position = 0;
        while (position < trimmed.Length)
        {
            var start = trimmed.IndexOfAny(['{', '['], position);
            if (start < 0)
            {
                break;
            }

            sawStart = true;
            var end = FindBalancedEnd(trimmed, start);
            if (end < 0)
            {
                sawIncomplete = bestLength == 0;
                break;
            }

            var length = end + 1 - start;
            if (length > bestLength)
            {
                if (TryParse(trimmed.Substring(start, length), out var candidate, out var candidateError))
                {
                    root = candidate;
                    bestLength = length;
                }
                else if (bestLength == 0)
                {
                    lastError = candidateError;
                }
            }

            position = end + 1;
        }

        if (bestLength > 0)
        {
            issue = null;
            return true;
        }

        var message = !sawStart
            ? "the answer contains no JSON object; reply with the JSON object only"
            : sawIncomplete
                ? "the JSON is incomplete (unbalanced braces); it may have been cut off, so keep the answer shorter"
                : "the answer is not valid JSON: " + Shorten(lastError);
        issue = new ValidationIssue(ValidationRules.Json, message);
        return false;
    }

    private static bool TryParse(string text, out JsonElement root, out string? error)
    {
        root = default;
        error = null;
        if (text.Length == 0 || (text[0] != '{' && text[0] != '['))
        {
            error = "it does not start with '{' or '['";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text, Options);
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Index of the bracket closing the one at <paramref name="start"/>, skipping brackets inside JSON strings; -1 if it never closes.</summary>
    private static int FindBalancedEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    private static string Shorten(string? error)
    {
        var text = string.IsNullOrEmpty(error) ? "unknown error" : error;
        return text.Length <= MaxErrorDetail ? text : text[..MaxErrorDetail] + "...";
    }

    [GeneratedRegex(@"```[ \t]*(?:json|JSON|Json)?[ \t]*\r?\n?(?<body>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CodeFence();
}
