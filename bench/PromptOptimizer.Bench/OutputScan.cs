using System.Globalization;
using System.Text.RegularExpressions;

namespace PromptOptimizer.Bench;

/// <summary>Reads the completion times (<c>generated_at</c>) of the flashcard outputs a run wrote.</summary>
internal static partial class OutputScan
{
    public static int CountFiles(string outputRoot)
    {
        var dir = Path.Combine(outputRoot, "flashcards");
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Count() : 0;
    }

    /// <summary>Sorted completion times of every output file.</summary>
    public static List<DateTimeOffset> CompletionTimes(string outputRoot)
    {
        var dir = Path.Combine(outputRoot, "flashcards");
        var times = new List<DateTimeOffset>();
        if (!Directory.Exists(dir))
        {
            return times;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories))
        {
            var match = GeneratedAt().Match(File.ReadAllText(file));
            if (match.Success)
            {
                times.Add(DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
            }
        }

        times.Sort();
        return times;
    }

    public static string? AnyOutput(string outputRoot)
    {
        var dir = Path.Combine(outputRoot, "flashcards");
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).FirstOrDefault() : null;
    }

    [GeneratedRegex("\"generated_at\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex GeneratedAt();
}
