using System.CommandLine;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>quality-report</c>: the card quality checks over finished outputs, as text or JSON.</summary>
internal static class QualityReportCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("quality-report", "Card quality checks: length, atomicity, cloze, junk, duplicates and near duplicates, citation coverage.")
        {
            o.Mode, o.Category, o.OutputDir, o.Json,
        };
        command.Handle(context, async (parse, token) =>
        {
            var kind = parse.GetValue(o.Mode) ?? OutputKind.Flashcards;
            if (kind == OutputKind.Prompts)
            {
                return CommandExit.Usage("--mode must be flashcards or unified");
            }

            var dir = parse.GetValue(o.OutputDir)!;
            if (!Directory.Exists(dir))
            {
                return CommandExit.Usage($"output directory not found: {Path.GetFullPath(dir)} (set --output-dir)");
            }

            var report = await QualityChecker.CheckOutputAsync(dir, kind, parse.GetValue(o.Category), token).ConfigureAwait(false);
            context.Out.WriteRawLine(parse.GetValue(o.Json) ? report.ToJson() : report.ToText());
            return ExitCodes.Success;
        });
        return command;
    }
}
