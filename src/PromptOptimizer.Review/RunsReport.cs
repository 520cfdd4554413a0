using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using static PromptOptimizer.Review.ReviewDocuments;

namespace PromptOptimizer.Review;

/// <summary>
/// The runs page's numbers: per product and category what is completed, failed, in flight and still to do (the topics
/// directory's files not yet done, when it is there), completions and cost per minute, and from the recent rate an ETA
/// and a projected cost. Everything comes from grouped reads of the store, never from every row.
/// </summary>
internal sealed class RunsReport
{
    /// <summary>How far back the charts go.</summary>
    public static readonly TimeSpan ChartWindow = TimeSpan.FromHours(6);

    /// <summary>The window the current rate is measured over.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan TopicCountLifetime = TimeSpan.FromSeconds(10);

    private readonly ICompletionStore _store;
    private readonly string _topicsDir;
    private readonly TimeProvider _time;
    private (DateTimeOffset At, IReadOnlyDictionary<string, int> Counts)? _topicCounts;

    public RunsReport(ICompletionStore store, string topicsDir, TimeProvider time)
    {
        _store = store;
        _topicsDir = topicsDir;
        _time = time;
    }

    public async Task<Runs> BuildAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var summary = await _store.SummarizeAsync(cancellationToken).ConfigureAwait(false);
        var minutes = _store.Reviews is { } reviews
            ? await reviews.GetCompletionsPerMinuteAsync(now - ChartWindow, cancellationToken).ConfigureAwait(false)
            : [];
        var topicCounts = TopicCounts(now);

        var rows = summary
            .GroupBy(s => (s.Mode, s.Category))
            .OrderBy(g => g.Key.Mode).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g =>
            {
                int Count(TopicStatus status) => g.Where(s => s.Status == status).Sum(s => s.Count);
                var (completed, failed, inFlight) = (Count(TopicStatus.Completed), Count(TopicStatus.Failed), Count(TopicStatus.Started));
                var pending = Count(TopicStatus.Pending);
                if (topicCounts.TryGetValue(g.Key.Category, out var files))
                {
                    pending = Math.Max(pending, files - completed - failed - inFlight);
                }

                return new RunRow(OutputKinds.NameOf(g.Key.Mode), g.Key.Category, completed, failed, pending, inFlight, g.Sum(s => s.CostUsd));
            })
            .ToList();

        var modes = rows.GroupBy(r => r.Mode).Select(g => Totals(g.Key, g.ToList(), minutes, now)).ToList();
        var charts = modes.Select(m => Chart(m.Mode, m.CostUsd, minutes, now)).ToList();
        return new Runs(now, modes, rows, charts);
    }

    private static ModeTotals Totals(string mode, List<RunRow> rows, IReadOnlyList<CompletionMinute> minutes, DateTimeOffset now)
    {
        var (completed, failed, pending, inFlight, cost) =
            (rows.Sum(r => r.Completed), rows.Sum(r => r.Failed), rows.Sum(r => r.Pending), rows.Sum(r => r.InFlight), rows.Sum(r => r.CostUsd));
        var from = MinuteOf(now) - RateWindow + TimeSpan.FromMinutes(1);
        var recent = minutes.Where(m => m.Mode == mode && m.Minute >= from).Sum(m => m.Completed);
        var perMinute = recent / Math.Max(1.0, (now - from).TotalMinutes);
        double? eta = pending + inFlight == 0 ? 0 : perMinute > 0 ? (pending + inFlight) / perMinute * 60 : null;
        var projected = completed == 0 ? cost : cost + (pending + inFlight) * (cost / completed);
        return new ModeTotals(mode, completed, failed, pending, inFlight, cost, Math.Round(perMinute, 2), eta is { } e ? Math.Round(e) : null, decimal.Round(projected, 6));
    }

    private static Series Chart(string mode, decimal totalCost, IReadOnlyList<CompletionMinute> minutes, DateTimeOffset now)
    {
        var points = minutes.Where(m => m.Mode == mode).ToDictionary(m => m.Minute);
        if (points.Count == 0)
        {
            return new Series(mode, [], [], []);
        }

        // Cost before the chart's window is where the cumulative line starts, so it ends at the total.
        var cost = totalCost - points.Values.Sum(p => p.CostUsd);
        var (times, completed, costs) = (new List<long>(), new List<int>(), new List<decimal>());
        for (var minute = points.Keys.Min(); minute <= MinuteOf(now); minute += TimeSpan.FromMinutes(1))
        {
            var point = points.GetValueOrDefault(minute);
            cost += point?.CostUsd ?? 0;
            times.Add(minute.ToUnixTimeSeconds());
            completed.Add(point?.Completed ?? 0);
            costs.Add(decimal.Round(cost, 6));
        }

        return new Series(mode, times, completed, costs);
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero);

    /// <summary>Topic files per category folder (counted again after a few seconds); empty when there is no topics directory.</summary>
    private IReadOnlyDictionary<string, int> TopicCounts(DateTimeOffset now)
    {
        if (_topicCounts is { } cached && now - cached.At < TopicCountLifetime)
        {
            return cached.Counts;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            if (Directory.Exists(_topicsDir))
            {
                foreach (var category in new DirectoryInfo(_topicsDir).EnumerateDirectories().Where(d => !d.Name.StartsWith('.')))
                {
                    counts[category.Name] = category.EnumerateFiles("*.json").Count();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable topics directory only means pending comes from the store's rows alone.
        }

        _topicCounts = (now, counts);
        return counts;
    }
}
