using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>completion-status</c>: counts by mode, category and status, stale topics, and the workers of a PostgreSQL store.</summary>
internal static class CompletionStatusCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("completion-status", "Counts by mode, category and status, with stale topics, tokens and cost.") { o.StateDir, o.Store, o.TopicsDir, o.LocalSources, o.SearchResults, o.Json };
        command.Handle(context, (parse, token) => StoreAccess.WithExistingAsync(context, o, parse, async db =>
        {
            var library = parse.GetValue(o.LocalSources) is { } dir ? await IndexCommand.OpenAsync(context, dir, parse.GetValue(o.StateDir)!, parse.GetValue(o.SearchResults), token, json: true).ConfigureAwait(false) : null;
            var report = await StatusReport.BuildAsync(db, parse.GetValue(o.TopicsDir)!, library is null ? null : library.SourcesIdentity, context.Time, token).ConfigureAwait(false);
            var (rows, stale, workers, batches) = (report.Rows, report.Stale, report.Workers, report.OutstandingBatches);
            if (parse.GetValue(o.Json))
            {
                context.Out.WriteRawLine(JsonSerializer.Serialize(report, CliJsonContext.Default.StatusReport));
                return ExitCodes.Success;
            }

            if (workers is not null)
            {
                PrintWorkers(context.Out, workers);
            }

            foreach (var b in batches)
            {
                context.Out.WriteRawLine("Outstanding batch " + b.Describe());
            }

            if (rows.Count == 0)
            {
                context.Out.WriteRawLine("No topics tracked yet.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Mode", "Category", "Pending", "Started", "Completed", "Failed", "Stale", "Tokens", "Cost");
            foreach (var group in rows.GroupBy(r => (r.Mode, r.Category)).OrderBy(g => g.Key.Mode, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
            {
                string Count(TopicStatus s) => Inv($"{group.Where(r => r.Status == TrackingText.Of(s)).Sum(r => r.Count)}");
                var mode = group.Key.Mode;
                var staleCount = stale.Count(s => s.Mode == mode && s.Path.StartsWith(group.Key.Category + "/", StringComparison.Ordinal));
                table.AddRow(mode, Markup.Escape(group.Key.Category), Count(TopicStatus.Pending), Count(TopicStatus.Started), Count(TopicStatus.Completed), Count(TopicStatus.Failed),
                    Inv($"{staleCount}"), Inv($"{group.Sum(r => r.PromptTokens + r.CompletionTokens)}"), Inv($"${group.Sum(r => r.CostUsd):0.0000}"));
            }

            context.Out.Write(table);
            int Total(TopicStatus s) => rows.Where(r => r.Status == TrackingText.Of(s)).Sum(r => r.Count);
            context.Out.WriteRawLine(Inv($"Total: {rows.Sum(r => r.Count)} tracked, {Total(TopicStatus.Completed)} completed, {Total(TopicStatus.Failed)} failed, {stale.Count} stale, cost ${rows.Sum(r => r.CostUsd):0.0000}"));
            return ExitCodes.Success;
        }, token));
        return command;
    }

    private static void PrintWorkers(IAnsiConsole console, IReadOnlyList<WorkerEntry> workers)
    {
        if (workers.Count == 0)
        {
            console.WriteRawLine("No workers registered.");
            return;
        }

        var table = new Table().AddColumns("Worker", "Host", "Pid", "In flight", "Last heartbeat", "Completed", "Per minute");
        foreach (var w in workers)
        {
            table.AddRow(Markup.Escape(w.Id), Markup.Escape(w.Host), Inv($"{w.Pid}"), Inv($"{w.InFlight}"), Inv($"{w.SecondsSinceHeartbeat:0}s ago"), Inv($"{w.Completed}"), Inv($"{w.PerMinute:0.0}"));
        }

        console.Write(table);
        console.WriteRawLine(Inv($"Workers: {workers.Count}, {workers.Sum(w => w.InFlight)} topics in flight, {workers.Sum(w => w.PerMinute):0.0} completions per minute together."));
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
