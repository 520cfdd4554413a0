using System.CommandLine;
using System.Globalization;
using System.Text;

namespace PromptOptimizer.Cli;

/// <summary>Renders docs/cli.md from the parser itself, so the reference cannot drift from the flags.</summary>
internal static class CliReference
{
    public static string Render(RootCommand root)
    {
        var md = new StringBuilder();
        md.Append("# Command-line reference\n\n");
        md.Append("Generated from the parser (`CliReference.Render`); a test fails when this file and the flags disagree.\n");
        md.Append("Regenerate with `PO_UPDATE_DOCS=1 dotnet test --filter CliReferenceTests`.\n\n");
        md.Append("Exit codes: 0 every selected topic completed or skipped; 1 finished with failed topics; 2 usage or configuration ");
        md.Append("error; 3 stopped early (budget, account error, failing disk, a provider down past --provider-outage or the database unreachable ");
        md.Append("past --store-outage); 70 an unexpected failure (one line on stderr, details in `<state-dir>/crash-<time>.log`); 130 interrupted.\n\n");
        md.Append("Any run flag may also come from the environment as `PROMPT_OPTIMIZER_<FLAG>` (e.g. `PROMPT_OPTIMIZER_CONCURRENT=50`) ");
        md.Append("or from `prompt-optimizer.json`; see [configuration.md](configuration.md). API keys come only from ");
        md.Append("`OPENROUTER_API_KEY` and `EXA_API_KEY`.\n\n");
        Command(md, root, "prompt-optimizer [mode] [options]", level: 2);
        foreach (var sub in root.Subcommands.Where(c => !c.Hidden).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            Command(md, sub, $"prompt-optimizer {sub.Name} [options]", level: 2);
        }

        return md.ToString();
    }

    private static void Command(StringBuilder md, Command command, string usage, int level)
    {
        md.Append(new string('#', level)).Append(' ').Append('`').Append(usage).Append("`\n\n");
        md.Append(command.Description).Append("\n\n");
        var options = command.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version")).ToList();
        if (options.Count == 0)
        {
            return;
        }

        md.Append("| flag | default | description |\n|---|---|---|\n");
        foreach (var option in options)
        {
            var required = option.Required ? " (required)" : "";
            md.Append(CultureInfo.InvariantCulture, $"| `{option.Name}`{required} | {Default(option)} | {option.Description?.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        md.Append('\n');
    }

    private static string Default(Option option)
    {
        if (!option.HasDefaultValue)
        {
            return "";
        }

        var value = option.GetDefaultValue();
        return value switch
        {
            null => "",
            bool b => b ? "`true`" : "",
            IFormattable f => "`" + f.ToString(null, CultureInfo.InvariantCulture) + "`",
            _ => "`" + value + "`",
        };
    }
}
