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

        Error ??= $"field '{name}' must be a string, found {TopicLoader.Describe(value.ValueKind)}";
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
            : $"field '{name}' must be a number, found {TopicLoader.Describe(value.ValueKind)}";
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
            Error ??= $"field '{name}' must be an array of strings, found {TopicLoader.Describe(value.ValueKind)}";
            return null;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Error ??= $"field '{name}' must be an array of strings, found an item that is {TopicLoader.Describe(item.ValueKind)}";
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
}
