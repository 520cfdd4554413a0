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
        // Contained in the product folder, not only the root: a topic path must not reach another product's files.
        var folder = Path.Combine(Root, FolderOf(kind));
        var full = Path.GetFullPath(Path.Combine(folder, topicPath));
        var relative = Path.GetRelativePath(folder, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"Output path for '{topicPath}' would leave the output directory.", nameof(topicPath));
        }

        return full;
    }

    /// <summary>
    /// Throws <see cref="IOException"/> when a folder between the root and <paramref name="path"/> (or the file) is a
    /// symbolic link: a link planted in the output tree would otherwise carry the write outside the output directory.
    /// </summary>
    public void EnsureNoLinks(string path)
    {
        for (var current = Path.GetFullPath(path); current.Length > Root.Length && current.StartsWith(Root, StringComparison.Ordinal); current = Path.GetDirectoryName(current)!)
        {
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is { } target)
            {
                throw new IOException($"{current} is a symbolic link (to {target}); writing through it would leave the output directory");
            }
        }
    }
}
