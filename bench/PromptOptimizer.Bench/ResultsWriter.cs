using System.Globalization;
using System.Text.Json;

namespace PromptOptimizer.Bench;

/// <summary>Prints the metrics table and writes <c>latest.json</c>.</summary>
internal static class ResultsWriter
{
    public static void PrintTable(TextWriter output, IReadOnlyList<Metric> metrics)
    {
        var nameWidth = Math.Max(10, metrics.Max(m => m.Scenario.Length + m.Name.Length + 3));
        output.WriteLine();
        output.WriteLine($"{"scenario / metric".PadRight(nameWidth)} {"value",14} {"target",12}  result");
        output.WriteLine(new string('-', nameWidth + 38));
        foreach (var m in metrics)
        {
            var result = m.Pass switch { true => "PASS", false => "FAIL", null => "" };
            output.WriteLine($"{(m.Scenario + " / " + m.Name).PadRight(nameWidth)} {Format(m.Value),14} {m.Target ?? "",12}  {result}");
        }

        var targets = metrics.Where(m => m.Pass is not null).ToList();
        output.WriteLine($"{targets.Count(m => m.Pass == true)}/{targets.Count} targets pass");
    }

    public static void WriteJson(string path, List<Metric> metrics)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // JSON has no NaN: a missing measurement is written as -1 and fails its target.
        var safe = metrics.Select(m => double.IsFinite(m.Value) ? m : m with { Value = -1, Pass = m.Pass is null ? null : false }).ToList();
        File.WriteAllText(path, JsonSerializer.Serialize(safe, BenchJsonContext.Default.ListMetric));
    }

    public static string Format(double value) =>
        Math.Abs(value) >= 1000 || value == Math.Floor(value)
            ? value.ToString("#,0.##", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);
}
