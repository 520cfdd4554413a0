using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>enqueue</c>: stores the selected topics (path, content, hash) in the PostgreSQL queue of a mode; idempotent.</summary>
internal static class EnqueueCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("enqueue", "Store the selected topics (path, content, hash) in the PostgreSQL queue for that mode; idempotent.")
        {
            o.Flashcards, o.Prompts, o.Unified, o.UseWebPlugin, o.Category, o.Limit, o.TopicsDir, o.Store,
        };
        command.Handle(context, async (parse, token) =>
        {
            var (variant, error) = RunBinder.VariantOf(o, parse);
            var limit = parse.GetValue(o.Limit);
            var topicsDir = parse.GetValue(o.TopicsDir)!;
            error ??= variant is null ? "choose a mode: --flashcards [--use-web-plugin], --prompts or --unified" : null;
            error ??= limit is < 1 ? "--limit must be at least 1" : null;
            error ??= Directory.Exists(topicsDir) ? null : $"topics directory not found: {Path.GetFullPath(topicsDir)} (set --topics-dir)";
            if (error is not null)
            {
                return CommandExit.Usage(error);
            }

            return await StoreAccess.WithQueueAsync(context, o, parse, async queue =>
            {
                var (totals, invalid) = await TopicEnqueuer.EnqueueAsync(queue, new TopicLoader(topicsDir), variant!.Value, parse.GetValue(o.Category), limit, token).ConfigureAwait(false);
                foreach (var topic in invalid.Take(20))
                {
                    await context.Error.WriteLineAsync($"Skipped invalid topic {topic.Path}: {topic.Error}").ConfigureAwait(false);
                }

                context.Out.WriteRawLine(string.Create(CultureInfo.InvariantCulture,
                    $"Enqueued {totals.Total} {RunVariants.ShortNameOf(variant.Value)} topics on {queue.Description}: {totals.Added} added, {totals.Changed} changed, {totals.Requeued} requeued, {totals.Unchanged} unchanged{(invalid.Count > 0 ? $", {invalid.Count} invalid skipped" : "")}."));
                return ExitCodes.Success;
            }, token).ConfigureAwait(false);
        });
        return command;
    }
}
