using System.CommandLine;
using System.Text.Json;
using PromptOptimizer.Scheduling;

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
        var (file, fileError) = ConfigFile.Read(configPath, DefaultFileName, byName.ContainsKey);
        if (fileError is not null)
        {
            return ([], null, fileError);
        }

        foreach (var (key, texts) in file?.Values ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            values[key] = (byName[key], texts.SelectMany(t => new[] { byName[key].Name, t }).ToList(), file!.Path);
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

        return (extra, file?.Prices, null);
    }
}
