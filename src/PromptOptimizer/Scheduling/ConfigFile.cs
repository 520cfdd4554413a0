using System.Text.Json;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// The run defaults file (<c>prompt-optimizer.json</c>): flag names without <c>--</c> mapped to their values as text,
/// and an optional <c>prices</c> section. API keys are refused: they are read only from the environment.
/// </summary>
/// <param name="Path">The file read, as the user named it.</param>
internal sealed record ConfigFile(string Path, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, JsonElement? Prices)
{
    /// <summary>
    /// Reads <paramref name="explicitPath"/> (which must exist), or else <paramref name="defaultPath"/> when it exists;
    /// returns no file and no error when neither applies, or an error naming the file and the key.
    /// </summary>
    public static (ConfigFile? File, string? Error) Read(string? explicitPath, string defaultPath, Func<string, bool> isKnownKey)
    {
        ArgumentNullException.ThrowIfNull(isKnownKey);
        var path = explicitPath ?? defaultPath;
        if (!File.Exists(path))
        {
            return (null, explicitPath is null ? null : $"config file not found: {System.IO.Path.GetFullPath(explicitPath)}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, $"{path}: cannot read configuration: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, $"{path}: configuration must be a JSON object");
            }

            var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            JsonElement? prices = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                var texts = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().Select(Text).ToList() : [Text(property.Value)];
                var error = name == "prices" ? null
                    : name.Contains("api_key", StringComparison.OrdinalIgnoreCase) || name.Contains("api-key", StringComparison.OrdinalIgnoreCase)
                        ? $"'{name}': API keys are read only from the environment (OPENROUTER_API_KEY, EXA_API_KEY), never from files"
                    : !isKnownKey(name) ? $"unknown key '{name}' (keys are flag names without '--', e.g. \"concurrent\", \"model\", or \"prices\")"
                    : texts.Any(t => t is null) ? $"bad value for '{name}': expected a string, number, boolean or array of them"
                    : null;
                if (error is not null)
                {
                    return (null, $"{path}: {error}");
                }

                if (name == "prices")
                {
                    prices = property.Value.Clone();
                }
                else
                {
                    values[name] = texts.Select(t => t!).ToList();
                }
            }

            return (new ConfigFile(path, values, prices), null);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
