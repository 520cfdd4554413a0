using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>completion-failed</c>: the failed topics, with mode, attempts, last error and time.</summary>
internal static class CompletionFailedCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("completion-failed", "Failed topics with mode, attempts, last error and time.") { o.StateDir, o.Store, o.Mode, o.Json };
        command.Handle(context, (parse, token) => StoreAccess.WithExistingAsync(context, o, parse, async db =>
        {
            var failed = await db.QueryAsync(new TopicQuery(parse.GetValue(o.Mode), TopicStatus.Failed), token).ConfigureAwait(false);
            var entries = failed.Select(r => new FailedEntry(r.TopicPath, OutputKinds.NameOf(r.Mode), r.Attempts, r.ErrorKind, r.LastError, r.CompletedAt ?? r.StartedAt)).ToList();
            if (parse.GetValue(o.Json))
            {
                context.Out.WriteRawLine(JsonSerializer.Serialize(entries, CliJsonContext.Default.ListFailedEntry));
                return ExitCodes.Success;
            }

            foreach (var e in entries)
            {
                context.Out.WriteRawLine(string.Create(CultureInfo.InvariantCulture, $"{e.Mode}  {e.Path}  attempts={e.Attempts}  at {e.At?.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
                context.Out.WriteRawLine($"    {e.Kind}: {e.Error}");
            }

            context.Out.WriteRawLine(entries.Count == 0
                ? "No failed topics."
                : string.Create(CultureInfo.InvariantCulture, $"{entries.Count} failed. Reprocess them by running the same mode again (or with --resume)."));
            return ExitCodes.Success;
        }, token));
        return command;
    }
}
