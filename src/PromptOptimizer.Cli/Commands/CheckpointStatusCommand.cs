using System.CommandLine;
using System.Text.Json;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>--checkpoint-status</c>: the checkpoint of one mode, or of every mode that has one, and the store's outstanding provider batches.</summary>
internal static class CheckpointStatusCommand
{
    public static Task<CommandExit> ShowAsync(CliContext context, CliOptions o, ParseResult parse, RunVariant? variant, CancellationToken cancellationToken) =>
        StoreAccess.WithExistingOrNoneAsync(context, o, parse, async store =>
        {
            var stateDir = parse.GetValue(o.StateDir)!;
            var report = await CheckpointStatusReport.BuildAsync(stateDir, variant, store?.Batches, context.Time, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(o.Json))
            {
                context.Out.WriteRawLine(JsonSerializer.Serialize(report.Checkpoints, CliJsonContext.Default.IReadOnlyListCheckpointStatusEntry));
                return ExitCodes.Success;
            }

            if (report.Checkpoints.Count == 0)
            {
                context.Out.WriteRawLine(variant is { } selected
                    ? $"No {RunVariants.ShortNameOf(selected)} checkpoint in {Path.GetFullPath(stateDir)}."
                    : $"No checkpoints in {Path.GetFullPath(stateDir)}.");
            }

            foreach (var entry in report.Checkpoints)
            {
                if (entry.Checkpoint is { } checkpoint)
                {
                    SummaryPrinter.PrintCheckpoint(context.Out, checkpoint, entry.Path);
                }
                else
                {
                    context.Out.WriteRawLine($"{entry.Mode}: damaged checkpoint: {entry.Error} (--resume rebuilds it from the completion database)");
                }
            }

            context.Out.WriteRawLines(report.OutstandingBatches.Count == 0 ? [] : ["Outstanding provider batches (the next --batch-api run collects them):", .. report.OutstandingBatches.Select(b => "  " + b.Describe())]);
            return ExitCodes.Success;
        }, cancellationToken);
}
