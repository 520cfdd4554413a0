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
        command.Handle(context, async (parse, token) =>
        {
            if (StoreAccess.TopicPathOf(parse.GetValue(o.TopicsDir)!, parse.GetValue(o.Topic)!) is not { } path)
            {
                return CommandExit.Usage($"'{parse.GetValue(o.Topic)}' is not inside the topics directory.");
            }

            return await StoreAccess.WithExistingAsync(context, o, parse, async db =>
            {
                var changed = await db.ResetAsync(parse.GetValue(o.Mode), path, token).ConfigureAwait(false);
                await db.FlushAsync(token).ConfigureAwait(false);
                context.Out.WriteRawLine(changed == 0 ? $"No tracking rows for {path}." : string.Create(CultureInfo.InvariantCulture, $"Reset {path}: {changed} row(s) back to pending."));
                return ExitCodes.Success;
            }, token).ConfigureAwait(false);
        });
        return command;
    }
}
