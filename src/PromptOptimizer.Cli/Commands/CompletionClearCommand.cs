using System.CommandLine;
using PromptOptimizer.Cli.Rendering;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>completion-clear</c>: removes all completion tracking; outputs on disk are kept (and adopted by the next run).</summary>
internal static class CompletionClearCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("completion-clear", "Remove all completion tracking (outputs on disk are kept).") { o.StateDir, o.Store, o.Force };
        command.Handle(context, async (parse, token) =>
        {
            if (!parse.GetValue(o.Force))
            {
                if (!context.IsInteractive)
                {
                    return CommandExit.Usage("completion-clear removes all tracking; add --force to confirm without a terminal.");
                }

                if (!context.Confirm("Remove all completion tracking?"))
                {
                    context.Out.WriteRawLine("Nothing was removed.");
                    return ExitCodes.Success;
                }
            }

            return await StoreAccess.WithExistingAsync(context, o, parse, async db =>
            {
                await db.ClearAsync(token).ConfigureAwait(false);
                await db.FlushAsync(token).ConfigureAwait(false);
                context.Out.WriteRawLine("Completion tracking cleared. Outputs on disk are kept and will be adopted by the next run without API calls.");
                return ExitCodes.Success;
            }, token).ConfigureAwait(false);
        });
        return command;
    }
}
