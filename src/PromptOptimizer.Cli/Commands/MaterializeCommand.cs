using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>materialize</c>: writes every completed result stored in the PostgreSQL queue to output files (atomically).</summary>
internal static class MaterializeCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("materialize", "Write every completed result stored in the PostgreSQL queue to output files (atomically).") { o.Store, o.OutputDir, o.Mode };
        command.Handle(context, (parse, token) => StoreAccess.WithQueueAsync(context, o, parse, async queue =>
        {
            var paths = new OutputPaths(parse.GetValue(o.OutputDir)!);
            var (written, skipped) = await ResultMaterializer.WriteAsync(queue, paths, parse.GetValue(o.Mode), token).ConfigureAwait(false);
            foreach (var result in skipped)
            {
                await context.Error.WriteLineAsync($"Skipped {OutputKinds.NameOf(result.Mode)} {result.TopicPath}: the stored result is not a valid output document.").ConfigureAwait(false);
            }

            context.Out.WriteRawLine(string.Create(CultureInfo.InvariantCulture, $"Materialized {written} result(s) into {paths.Root}{(skipped.Count > 0 ? $"; {skipped.Count} skipped" : "")}."));
            return skipped.Count > 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
        }, token));
        return command;
    }
}
