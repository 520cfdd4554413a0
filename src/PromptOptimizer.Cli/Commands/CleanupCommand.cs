using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>--cleanup</c>: deletes the selected scope's output files and resets their tracking rows.</summary>
internal sealed class CleanupCommand(CliContext context)
{
    public async Task<int> CleanAsync(RunSettings settings, TopicLoader loader, ICompletionStore store, OutputPaths paths, OutputKind product, CancellationToken cancellationToken)
    {
        var scope = settings.Categories.Count == 0 ? "all categories" : string.Join(", ", settings.Categories);
        var folder = Path.Combine(paths.Root, OutputKinds.NameOf(product));
        if (!settings.Force)
        {
            if (!context.IsInteractive)
            {
                await context.Error.WriteLineAsync($"Error: --cleanup deletes outputs in {folder} ({scope}); add --force to confirm without a terminal.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            context.Out.WriteRaw($"Delete {OutputKinds.NameOf(product)} outputs and tracking for {scope}? [y/N] ");
            if (context.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes"))
            {
                context.Out.WriteRawLine("Cleanup cancelled; nothing was deleted.");
                return ExitCodes.Usage;
            }
        }

        var deleted = 0;
        var reset = 0;
        foreach (var path in loader.EnumeratePaths(settings.Categories))
        {
            var output = paths.For(product, path);
            if (File.Exists(output))
            {
                File.Delete(output);
                deleted++;
            }

            reset += await store.ResetAsync(product, path, cancellationToken).ConfigureAwait(false);
        }

        context.Out.WriteRawLine($"Cleanup: deleted {deleted} output files and reset {reset} tracking rows ({scope}).");
        return ExitCodes.Success;
    }
}
