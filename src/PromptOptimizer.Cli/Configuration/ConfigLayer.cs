using System.CommandLine;
using System.Globalization;
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

    /// <summary>Keys the file may hold besides flag names.</summary>
    private static readonly HashSet<string> SpecialKeys = new(StringComparer.Ordinal) { "prices" };

    /// <summary>Flags that are actions or one-off choices, not defaults.</summary>
    private static readonly HashSet<string> NotConfigurable = new(StringComparer.Ordinal)
    {
        "--resume", "--cleanup", "--checkpoint-status", "--json", "--dry-run", "--prices", "--config", "--help", "--version",
    };

    /// <summary>
    /// Returns the arguments to append (configured values for flags the user did not type), or an error naming the
    /// file or variable and the key. <paramref name="prices"/> receives the file's price table section, if any.
    /// </summary>
    public static (IReadOnlyList<string> Extra, string? Error) Resolve(
        RootCommand root, IEnumerable<Option> options, ParseResult typed, string? configPath, Func<string, string?> environment, out JsonElement? prices)
    {
        prices = null;
        var byName = options.Where(o => !NotConfigurable.Contains(o.Name)).ToDictionary(o => o.Name.TrimStart('-'), StringComparer.Ordinal);
        var values = new Dictionary<string, (Option Option, IReadOnlyList<string> Args, string Source)>(StringComparer.Ordinal);

        var fileError = ReadFile(configPath, byName, values, out prices);
        if (fileError is not null)
        {
            return ([], fileError);
        }

        foreach (var (key, option) in byName)
        {
            var variable = EnvironmentPrefix + key.Replace('-', '_').ToUpperInvariant();
            if (environment(variable) is { Length: > 0 } text)
            {
                values[key] = (option, ArgsFor(option, [text]), variable);
            }
        }

        var extra = new List<string>();
        foreach (var (key, (option, args, source)) in values)
        {
            if (RunOptionSet.IsExplicit(typed, option))
            {
                continue;
            }

            var check = root.Parse(args.ToArray());
            var problem = check.Errors.FirstOrDefault(e => e.Message.Contains(option.Name, StringComparison.Ordinal) || e.Message.Contains("'" + args[^1], StringComparison.Ordinal));
            if (problem is not null)
            {
                return ([], $"{source}: bad value for '{key}': {problem.Message}");
            }

            extra.AddRange(args);
        }

        return (extra, null);
    }

    private static string? ReadFile(string? configPath, Dictionary<string, Option> byName, Dictionary<string, (Option, IReadOnlyList<string>, string)> values, out JsonElement? prices)
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
                if (SpecialKeys.Contains(property.Name))
                {
                    prices = property.Value.Clone();
                    continue;
                }

                if (property.Name.Contains("api_key", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("api-key", StringComparison.OrdinalIgnoreCase))
                {
                    return $"{path}: '{property.Name}': API keys are read only from the environment (OPENROUTER_API_KEY, EXA_API_KEY), never from files";
                }

                if (!byName.TryGetValue(property.Name, out var option))
                {
                    return $"{path}: unknown key '{property.Name}' (keys are flag names without '--', e.g. \"concurrent\", \"model\", or \"prices\")";
                }

                var texts = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(Text).ToList(),
                    _ => [Text(property.Value)],
                };
                if (texts.Any(t => t is null))
                {
                    return $"{path}: bad value for '{property.Name}': expected a string, number, boolean or array of them";
                }

                values[property.Name] = (option, ArgsFor(option, texts!), path);
            }
        }

        return null;
    }

    private static List<string> ArgsFor(Option option, IReadOnlyList<string?> texts)
    {
        var args = new List<string>();
        foreach (var text in texts)
        {
            args.Add(option.Name);
            args.Add(text!);
        }

        return args;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Formats a number the way the parser reads it.</summary>
    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
