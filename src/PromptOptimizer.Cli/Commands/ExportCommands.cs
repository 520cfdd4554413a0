using PromptOptimizer.Cli.Rendering;
using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>export</c> (apkg, anki-tsv, csv, jsonl) and <c>quality-report</c>, reading the finished outputs.</summary>
internal static class ExportCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Export(context);
        yield return QualityReportCommand(context);
    }

    private static Command Export(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "apkg, anki-tsv, csv or jsonl.", Required = true };
        var output = new Option<string>("--out") { Description = "File to write (written atomically).", Required = true };
        var mode = new Option<string>("--mode") { Description = "flashcards, unified or prompts (prompts: jsonl only).", DefaultValueFactory = _ => "flashcards" };
        var category = new Option<string[]>("--category") { Description = "Only this category (repeatable)." };
        var outputDir = new Option<string>("--output-dir") { Description = "Where the run wrote its outputs.", DefaultValueFactory = _ => "output" };
        var minQuality = new Option<bool>("--min-quality") { Description = "Leave out cards flagged by the quality checks." };
        var command = new Command("export", "Export finished outputs for Anki (apkg, text import), spreadsheets (csv) or datasets (jsonl).") { format, output, mode, category, outputDir, minQuality };
        command.SetAction(async (parse, token) =>
        {
            ExportOptions options;
            try
            {
                if (!StatusCommands.TryMode(parse.GetValue(mode), out var kind, out var modeError))
                {
                    throw new ArgumentException(modeError);
                }

                options = new ExportOptions(ExportFormats.Parse(parse.GetValue(format)!), parse.GetValue(output)!, kind ?? OutputKind.Flashcards,
                    parse.GetValue(category), parse.GetValue(minQuality));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                await context.Error.WriteLineAsync("Error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var dir = parse.GetValue(outputDir)!;
            if (!Directory.Exists(dir))
            {
                await context.Error.WriteLineAsync($"Error: output directory not found: {Path.GetFullPath(dir)} (set --output-dir)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var result = await ExportService.ExportAsync(options, dir, context.Time, token).ConfigureAwait(false);
            foreach (var problem in result.Problems)
            {
                await context.Error.WriteLineAsync("Warning: " + problem).ConfigureAwait(false);
            }

            context.Out.WriteRawLine(string.Create(CultureInfo.InvariantCulture,
                $"Exported {result.Topics} topics: {result.Notes} notes, {result.Cards} cards ({result.SkippedCards} left out) to {result.OutPath}"));
            return result.Topics == 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
        });
        return command;
    }

    private static Command QualityReportCommand(CliContext context)
    {
        var mode = new Option<string>("--mode") { Description = "flashcards or unified.", DefaultValueFactory = _ => "flashcards" };
        var category = new Option<string[]>("--category") { Description = "Only this category (repeatable)." };
        var outputDir = new Option<string>("--output-dir") { Description = "Where the run wrote its outputs.", DefaultValueFactory = _ => "output" };
        var json = StatusCommands.JsonOption();
        var command = new Command("quality-report", "Card quality checks: length, atomicity, cloze, junk, duplicates and near duplicates, citation coverage.") { mode, category, outputDir, json };
        command.SetAction(async (parse, token) =>
        {
            if (!StatusCommands.TryMode(parse.GetValue(mode), out var kind, out var modeError) || kind == OutputKind.Prompts)
            {
                await context.Error.WriteLineAsync("Error: " + (modeError ?? "--mode must be flashcards or unified")).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var dir = parse.GetValue(outputDir)!;
            if (!Directory.Exists(dir))
            {
                await context.Error.WriteLineAsync($"Error: output directory not found: {Path.GetFullPath(dir)} (set --output-dir)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var report = await QualityChecker.CheckOutputAsync(dir, kind ?? OutputKind.Flashcards, parse.GetValue(category), token).ConfigureAwait(false);
            context.Out.WriteRawLine(parse.GetValue(json) ? report.ToJson() : report.ToText());
            return ExitCodes.Success;
        });
        return command;
    }
}
