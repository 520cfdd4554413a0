using ScottPlot;

namespace PromptOptimizer.Bench;

/// <summary>Topics completed over time for rolling and strict scheduling, with the Little's-law ceiling.</summary>
internal static class ThroughputChart
{
    public static void Write(string path, RunResult rolling, RunResult strict, double ceilingPerSecond)
    {
        using var plot = new Plot();
        AddCurve(plot, rolling, "rolling (--concurrent 100)", Colors.Blue);
        AddCurve(plot, strict, "strict batches (--strict-batches)", Colors.OrangeRed);

        var end = rolling.CompletionOffsets() is { Length: > 0 } offsets ? offsets[^1] : 1;
        var little = plot.Add.Line(0, 0, end, ceilingPerSecond * end);
        little.LegendText = FormattableString.Invariant($"Little's law: 100 / mean latency = {ceilingPerSecond:0} topics/s");
        little.LinePattern = LinePattern.Dashed;
        little.Color = Colors.Gray;

        plot.Title("Topics completed over time (simulated, time x1/100)");
        plot.XLabel("seconds since the first API request");
        plot.YLabel("topics completed");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 560);
    }

    private static void AddCurve(Plot plot, RunResult run, string label, Color color)
    {
        var xs = run.CompletionOffsets();
        if (xs.Length == 0)
        {
            return;
        }

        var ys = Enumerable.Range(1, xs.Length).Select(i => (double)i).ToArray();
        var curve = plot.Add.ScatterLine(xs, ys);
        curve.LegendText = label;
        curve.Color = color;
        curve.LineWidth = 2;
    }
}
