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
        var command = new Command("completion-status", "Counts by mode, category and status, with stale topics, tokens and cost.") { o.StateDir, o.Store, o.TopicsDir, o.Json };
        command.Handle(context, (parse, token) => StoreAccess.WithExistingAsync(context, o, parse, async db =>
        {
            var rows = await db.SummarizeAsync(token).ConfigureAwait(false);
            var topicsDir = parse.GetValue(o.TopicsDir)!;
            var stale = Directory.Exists(topicsDir)
                ? (await StaleTopics.FindAsync(db, new TopicLoader(topicsDir), token).ConfigureAwait(false)).Select(r => new StaleEntry(r.TopicPath, OutputKinds.NameOf(r.Mode))).ToList()
                : [];
            var workers = db is IWorkQueue queue ? await ListWorkersAsync(queue, context.Time, token).ConfigureAwait(false) : null;
            var batches = (await db.Batches.OutstandingBatchesAsync(token).ConfigureAwait(false)).Select(b => new BatchEntry(b.BatchId, b.Label, b.Status, b.Model,
                b.Requests, b.Completed, b.Failed, Math.Round((context.Time.GetUtcNow() - b.CreatedAt).TotalSeconds))).ToList();
            if (parse.GetValue(o.Json))
            {
                var report = new StatusReport(rows.Select(r => new StatusReportRow(OutputKinds.NameOf(r.Mode), r.Category, TrackingText.Of(r.Status), r.Count, r.PromptTokens, r.CompletionTokens, r.CostUsd)).ToList(), stale, workers, batches);
                context.Out.WriteRawLine(JsonSerializer.Serialize(report, CliJsonContext.Default.StatusReport));
                return ExitCodes.Success;
            }

            if (workers is not null)
            {
                PrintWorkers(context.Out, workers);
            }

            foreach (var b in batches)
            {
                context.Out.WriteRawLine(Inv($"Outstanding batch {b.Id ?? "(id not recorded) " + b.Label}: {b.Status}, {b.Completed}/{b.Requests} answered, {b.Failed} failed, {b.AgeSeconds:0}s old ({b.Model})"));
            }

            if (rows.Count == 0)
            {
                context.Out.WriteRawLine("No topics tracked yet.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Mode", "Category", "Pending", "Started", "Completed", "Failed", "Stale", "Tokens", "Cost");
            foreach (var group in rows.GroupBy(r => (r.Mode, r.Category)).OrderBy(g => g.Key.Mode).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
            {
                string Count(TopicStatus s) => Inv($"{group.Where(r => r.Status == s).Sum(r => r.Count)}");
                var mode = OutputKinds.NameOf(group.Key.Mode);
                var staleCount = stale.Count(s => s.Mode == mode && s.Path.StartsWith(group.Key.Category + "/", StringComparison.Ordinal));
                table.AddRow(mode, Markup.Escape(group.Key.Category), Count(TopicStatus.Pending), Count(TopicStatus.Started), Count(TopicStatus.Completed), Count(TopicStatus.Failed),
                    Inv($"{staleCount}"), Inv($"{group.Sum(r => r.PromptTokens + r.CompletionTokens)}"), Inv($"${group.Sum(r => r.CostUsd):0.0000}"));
            }

            context.Out.Write(table);
            int Total(TopicStatus s) => rows.Where(r => r.Status == s).Sum(r => r.Count);
            context.Out.WriteRawLine(Inv($"Total: {rows.Sum(r => r.Count)} tracked, {Total(TopicStatus.Completed)} completed, {Total(TopicStatus.Failed)} failed, {stale.Count} stale, cost ${rows.Sum(r => r.CostUsd):0.0000}"));
            return ExitCodes.Success;
        }, token));
        return command;
    }

    private static async Task<IReadOnlyList<WorkerEntry>> ListWorkersAsync(IWorkQueue queue, TimeProvider time, CancellationToken token)
    {
        var now = time.GetUtcNow();
        var workers = await queue.ListWorkersAsync(token).ConfigureAwait(false);
        return workers.Select(w => new WorkerEntry(w.Id, w.Host, w.Pid, w.StartedAt, w.LastHeartbeat, Math.Max(0, (now - w.LastHeartbeat).TotalSeconds),
            w.InFlight, w.Completed, Math.Round(w.PerMinute, 2))).ToList();
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
