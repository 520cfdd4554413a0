using System.Text.Json;

namespace PromptOptimizer.Topics;

/// <summary>Reads optional typed fields and keeps the first type error.</summary>
internal sealed class TopicFieldReader(JsonElement root)
{
    public string? Error { get; private set; }

    public string? String(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Error ??= $"field '{name}' must be a string, found {Describe(value.ValueKind)}";
        return null;
    }

    public int? Int(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Error ??= value.ValueKind == JsonValueKind.Number
            ? $"field '{name}' must be a whole number, found {value.GetRawText()}"
            : $"field '{name}' must be a number, found {Describe(value.ValueKind)}";
        return null;
    }

    public List<string>? StringArray(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error ??= $"field '{name}' must be an array of strings, found {Describe(value.ValueKind)}";
            return null;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Error ??= $"field '{name}' must be an array of strings, found an item that is {Describe(item.ValueKind)}";
                return null;
            }

            var text = item.GetString();
            if (!string.IsNullOrWhiteSpace(text))
            {
                list.Add(text.Trim());
            }
        }

        return list;
    }

    /// <summary>A JSON value kind as an error message names it ("an array").</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
