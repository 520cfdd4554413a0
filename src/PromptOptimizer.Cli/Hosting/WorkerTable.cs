using System.Globalization;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>The registered workers of a PostgreSQL store, for <c>completion-status</c>.</summary>
internal static class WorkerTable
{
    public static async Task<IReadOnlyList<WorkerEntry>> ListAsync(IWorkQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var now = time.GetUtcNow();
        var workers = await queue.ListWorkersAsync(cancellationToken).ConfigureAwait(false);
        return workers.Select(w => new WorkerEntry(w.Id, w.Host, w.Pid, w.StartedAt, w.LastHeartbeat, Math.Max(0, (now - w.LastHeartbeat).TotalSeconds),
            w.InFlight, w.Completed, Math.Round(w.PerMinute, 2))).ToList();
    }

    public static void Print(IAnsiConsole console, IReadOnlyList<WorkerEntry> workers)
    {
        if (workers.Count == 0)
        {
            console.WriteRawLine("No workers registered.");
            return;
        }

        var table = new Table().AddColumns("Worker", "Host", "Pid", "In flight", "Last heartbeat", "Completed", "Per minute");
        foreach (var w in workers)
        {
            table.AddRow(Markup.Escape(w.Id), Markup.Escape(w.Host), Inv(w.Pid), Inv(w.InFlight),
                Inv($"{w.SecondsSinceHeartbeat:0}s ago"), Inv(w.Completed), Inv($"{w.PerMinute:0.0}"));
        }

        console.Write(table);
        console.WriteRawLine(Inv($"Workers: {workers.Count}, {workers.Sum(w => w.InFlight)} topics in flight, {workers.Sum(w => w.PerMinute):0.0} completions per minute together."));
    }

    private static string Inv(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
