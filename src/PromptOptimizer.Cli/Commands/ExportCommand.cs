using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>export</c>: finished outputs as an Anki package, Anki text import, CSV or JSONL.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("export", "Export finished outputs for Anki (apkg, text import), spreadsheets (csv) or datasets (jsonl).")
        {
            o.Format, o.Out, o.Mode, o.Category, o.OutputDir, o.MinQuality, o.Reviewed, o.StateDir, o.Store,
        };
        command.Handle(context, async (parse, token) =>
        {
            ExportOptions options;
            try
            {
                options = new ExportOptions(ExportFormats.Parse(parse.GetValue(o.Format)!), parse.GetValue(o.Out)!, parse.GetValue(o.Mode) ?? OutputKind.Flashcards,
                    parse.GetValue(o.Category), parse.GetValue(o.MinQuality));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                return CommandExit.Usage(ex.Message);
            }

            var dir = parse.GetValue(o.OutputDir)!;
            if (!Directory.Exists(dir))
            {
                return CommandExit.Usage($"output directory not found: {Path.GetFullPath(dir)} (set --output-dir)");
            }

            if (parse.GetValue(o.Reviewed) is { } reviewed)
            {
                return reviewed != "accepted" ? CommandExit.Usage($"--reviewed must be accepted, not '{reviewed}'")
                    : await StoreAccess.WithStoreAsync(context, parse.GetValue(o.Store), parse.GetValue(o.StateDir)!, async store => await ExportAsync(context, options, dir, await ReviewedCards.LoadAsync(store, options.Mode, token).ConfigureAwait(false), token).ConfigureAwait(false), token).ConfigureAwait(false);
            }

            return await ExportAsync(context, options, dir, null, token).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<CommandExit> ExportAsync(CliContext context, ExportOptions options, string dir, ReviewedCards? reviewed, CancellationToken token)
    {
        var result = await ExportService.ExportAsync(options, dir, context.Time, token, reviewed).ConfigureAwait(false);
        foreach (var problem in result.Problems)
        {
            await context.Error.WriteLineAsync("Warning: " + problem).ConfigureAwait(false);
        }

        context.Out.WriteRawLine(string.Create(CultureInfo.InvariantCulture,
            $"Exported {result.Topics} topics: {result.Notes} notes, {result.Cards} cards ({result.SkippedCards} left out{(reviewed is null ? "" : $", {result.LeftOutByReview} by review")}) to {result.OutPath}"));
        return result.Topics == 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
    }
}
