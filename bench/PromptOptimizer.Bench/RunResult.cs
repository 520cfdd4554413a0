namespace PromptOptimizer.Bench;

/// <summary>One CLI run against the simulator: the process, what the simulator saw, and when each topic completed.</summary>
internal sealed record RunResult(ProcessMeasurement Process, SimStats Stats, DateTimeOffset? FirstRequest, IReadOnlyList<DateTimeOffset> Completions)
{
    /// <summary>Seconds from the simulator's first request to the last output written: the dispatch window.</summary>
    public double ActiveSeconds => FirstRequest is { } first && Completions.Count > 0
        ? Math.Max(1e-3, (Completions[^1] - first).TotalSeconds)
        : Process.Wall.TotalSeconds;

    /// <summary>Topics per second over the dispatch window (start-up and planning excluded).</summary>
    public double Throughput => Completions.Count / ActiveSeconds;

    /// <summary>Seconds from process start to the simulator's first request; NaN when none arrived.</summary>
    public double SecondsToFirstRequest => FirstRequest is { } first ? (first - Process.StartedAt).TotalSeconds : double.NaN;

    /// <summary>Completion offsets in seconds from the first request, for charts.</summary>
    public double[] CompletionOffsets() =>
        FirstRequest is { } first ? Completions.Select(c => (c - first).TotalSeconds).ToArray() : [];

    public int Occurrences(string text)
    {
        var all = Process.AllText;
        int count = 0, at = 0;
        while ((at = all.IndexOf(text, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            count++;
            at += text.Length;
        }

        return count;
    }
}
