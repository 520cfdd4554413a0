namespace PromptOptimizer.Output;

/// <summary>Maps topics to output files and proves every path stays inside the output directory.</summary>
internal sealed class OutputPaths
{
    public OutputPaths(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Root = Path.GetFullPath(outputDirectory);
    }

    public string Root { get; }

    /// <summary>The folder name of a product: <c>flashcards</c>, <c>prompts</c> or <c>unified</c>.</summary>
    public static string FolderOf(OutputKind kind) => kind switch
    {
        OutputKind.Flashcards => "flashcards",
        OutputKind.Prompts => "prompts",
        OutputKind.Unified => "unified",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The absolute output file for a topic identity such as <c>001_cybersecurity/sql_injection.json</c>.</summary>
    public string For(OutputKind kind, string topicPath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, FolderOf(kind), topicPath));
        var relative = Path.GetRelativePath(Root, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"Output path for '{topicPath}' would leave the output directory.", nameof(topicPath));
        }

        return full;
    }
}
