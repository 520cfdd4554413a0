using System.CommandLine;
using System.Text.Json;

namespace PromptOptimizer.Cli.Configuration;

/// <summary>
/// Defaults for run flags from the environment (<c>PROMPT_OPTIMIZER_&lt;FLAG&gt;</c>) and from
/// <c>prompt-optimizer.json</c> (or <c>--config PATH</c>). Precedence: flags &gt; environment &gt; file &gt; built-in.
/// Values become ordinary arguments, so the parser validates them exactly as it validates flags; a bad key or value
/// is an error naming it. API keys are never read from the file.
/// </summary>
internal static class ConfigLayer
{
    public const string DefaultFileName = "prompt-optimizer.json";
    public const string EnvironmentPrefix = "PROMPT_OPTIMIZER_";

    /// <summary>Flags that are actions or one-off choices, not defaults.</summary>
    private static readonly HashSet<string> NotConfigurable = new(StringComparer.Ordinal)
    {
        "--resume", "--cleanup", "--checkpoint-status", "--json", "--dry-run", "--prices", "--config", "--help", "--version",
    };

    /// <summary>
    /// Returns the arguments to append (configured values for flags the user did not type) and the file's price table
    /// section, if any; or an error naming the file or variable and the key.
    /// </summary>
    public static (IReadOnlyList<string> Extra, JsonElement? Prices, string? Error) Resolve(
        RootCommand root, IEnumerable<Option> options, ParseResult typed, string? configPath, Func<string, string?> environment)
    {
        var byName = options.Where(o => !NotConfigurable.Contains(o.Name)).ToDictionary(o => o.Name.TrimStart('-'), StringComparer.Ordinal);
        var values = new Dictionary<string, (Option Option, List<string> Args, string Source)>(StringComparer.Ordinal);
        var fileError = ReadFile(configPath, byName, values, out var prices);
        if (fileError is not null)
        {
            return ([], null, fileError);
        }

        foreach (var (key, option) in byName)
        {
            var variable = EnvironmentPrefix + key.Replace('-', '_').ToUpperInvariant();
            if (environment(variable) is { Length: > 0 } text)
            {
                values[key] = (option, [option.Name, text], variable);
            }
        }

        var extra = new List<string>();
        foreach (var (key, (option, args, source)) in values.Where(v => !CliOptions.IsExplicit(typed, v.Value.Option)))
        {
            var problem = root.Parse(args).Errors.FirstOrDefault(e => e.Message.Contains(option.Name, StringComparison.Ordinal) || e.Message.Contains("'" + args[^1], StringComparison.Ordinal));
            if (problem is not null)
            {
                return ([], null, $"{source}: bad value for '{key}': {problem.Message}");
            }

            extra.AddRange(args);
        }

        return (extra, prices, null);
    }

    private static string? ReadFile(string? configPath, Dictionary<string, Option> byName, Dictionary<string, (Option, List<string>, string)> values, out JsonElement? prices)
    {
        prices = null;
        var path = configPath ?? DefaultFileName;
        if (!File.Exists(path))
        {
            return configPath is null ? null : $"config file not found: {Path.GetFullPath(configPath)}";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return $"{path}: cannot read configuration: {ex.Message}";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"{path}: configuration must be a JSON object";
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                var texts = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().Select(Text).ToList() : [Text(property.Value)];
                var error = name == "prices" ? null
                    : name.Contains("api_key", StringComparison.OrdinalIgnoreCase) || name.Contains("api-key", StringComparison.OrdinalIgnoreCase)
                        ? $"'{name}': API keys are read only from the environment (OPENROUTER_API_KEY, EXA_API_KEY), never from files"
                    : !byName.ContainsKey(name) ? $"unknown key '{name}' (keys are flag names without '--', e.g. \"concurrent\", \"model\", or \"prices\")"
                    : texts.Any(t => t is null) ? $"bad value for '{name}': expected a string, number, boolean or array of them"
                    : null;
                if (error is not null)
                {
                    return $"{path}: {error}";
                }

                if (name == "prices")
                {
                    prices = property.Value.Clone();
                }
                else
                {
                    values[name] = (byName[name], texts.SelectMany(t => new[] { byName[name].Name, t! }).ToList(), path);
                }
            }
        }

        return null;
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
