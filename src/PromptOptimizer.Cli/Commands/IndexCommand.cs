using System.CommandLine;
using System.Text.Json;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.LocalSources;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>index --local-sources DIR</c>: builds or updates a library's index (a run with the flag does it first, too).</summary>
internal static class IndexCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("index", "Build or update the index of a --local-sources folder (incremental; bad files are skipped with a warning).")
            { o.LocalSources, o.StateDir, o.SearchResults, o.Query, o.Json };
        command.Handle(context, async (parse, token) =>
        {
            if (parse.GetValue(o.LocalSources) is not { } dir || !Directory.Exists(dir))
            {
                return CommandExit.Usage("index needs --local-sources DIR, an existing folder");
            }

            var json = parse.GetValue(o.Json);
            var library = await OpenAsync(context, dir, parse.GetValue(o.StateDir)!, parse.GetValue(o.SearchResults), token, json).ConfigureAwait(false);
            var probes = (parse.GetValue(o.Query) ?? []).Select(q => library.Probe(q, context.Time)).ToList();
            context.Out.WriteRawLines(json ? [JsonSerializer.Serialize(probes, CliJsonContext.Default.ListQueryProbe)] : probes.Select(p => p.ToString()));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Updates the library's index, reports its warnings (stderr) and summary (stdout, or stderr under JSON), and opens it for research.</summary>
    public static async Task<LocalLibrary> OpenAsync(CliContext context, string dir, string stateDir, int results, CancellationToken cancellationToken, bool json = false)
    {
        var (library, report) = await LocalLibrary.OpenAsync(dir, stateDir, new LocalSourceOptions(results), cancellationToken).ConfigureAwait(false);
        foreach (var warning in report.Warnings)
        {
            await context.Error.WriteLineAsync($"Warning: skipped {warning}").ConfigureAwait(false);
        }

        await (json ? context.Error : context.Out.Profile.Out.Writer).WriteLineAsync(report.Summary(library.Root)).ConfigureAwait(false);
        return library;
    }
}
