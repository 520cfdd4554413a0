using System.Text.Json;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>--checkpoint-status</c>: the checkpoint of one mode, or of every mode that has one.</summary>
internal static class CheckpointStatusCommand
{
    public static async Task<CommandExit> ShowAsync(CliContext context, string stateDir, RunVariant? variant, bool json, CancellationToken cancellationToken)
    {
        var found = new List<CheckpointStatusEntry>();
        foreach (var (v, local) in (variant is { } one ? new[] { one } : RunVariants.All).SelectMany(v => new[] { (v, false), (v, true) }))
        {
            var path = CheckpointFile.PathFor(stateDir, v, local);
            var read = await CheckpointFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (read.Status != CheckpointReadStatus.Missing)
            {
                found.Add(new CheckpointStatusEntry(RunVariants.ShortNameOf(v) + (local ? "+local" : ""), path, read.Checkpoint, read.Error));
            }
        }

        if (json)
        {
            context.Out.WriteRawLine(JsonSerializer.Serialize(found, CliJsonContext.Default.ListCheckpointStatusEntry));
            return ExitCodes.Success;
        }

        if (found.Count == 0)
        {
            context.Out.WriteRawLine(variant is { } selected
                ? $"No {RunVariants.ShortNameOf(selected)} checkpoint in {Path.GetFullPath(stateDir)}."
                : $"No checkpoints in {Path.GetFullPath(stateDir)}.");
        }

        foreach (var entry in found)
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

        return ExitCodes.Success;
    }
}
