using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Cli.Rendering;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>completion-reset</c>: puts a topic back to pending so the next run processes it again.</summary>
internal static class CompletionResetCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("completion-reset", "Put a topic back to pending so the next run processes it again.") { o.StateDir, o.Store, o.TopicsDir, o.Topic, o.Mode };
        command.Handle(context, (parse, token) => StoreAccess.WithTopicAsync(context, o, parse, async (db, path) =>
        {
            var changed = await db.ResetAsync(parse.GetValue(o.Mode), path, token).ConfigureAwait(false);
            await db.FlushAsync(token).ConfigureAwait(false);
            context.Out.WriteRawLine(changed == 0 ? $"No tracking rows for {path}." : string.Create(CultureInfo.InvariantCulture, $"Reset {path}: {changed} row(s) back to pending."));
            return ExitCodes.Success;
        }, token));
        return command;
    }
}
