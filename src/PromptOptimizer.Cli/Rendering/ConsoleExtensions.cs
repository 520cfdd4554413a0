namespace PromptOptimizer.Cli.Rendering;

/// <summary>
/// Plain text straight to the console's writer. Spectre's <c>WriteLine</c> renders text and wraps it at the console
/// width, which would break JSON and log lines in pipes; lines meant for machines and logs must go out verbatim.
/// </summary>
internal static class ConsoleExtensions
{
    public static void WriteRawLine(this IAnsiConsole console, string line = "")
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(line);
        writer.Write('\n');
        writer.Flush();
    }

    /// <summary>Writes each line that is not null (null stands for an optional line left out).</summary>
    public static void WriteRawLines(this IAnsiConsole console, params IEnumerable<string?> lines)
    {
        foreach (var line in lines.OfType<string>())
        {
            console.WriteRawLine(line);
        }
    }

    public static void WriteRaw(this IAnsiConsole console, string text)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text);
        writer.Flush();
    }
}
