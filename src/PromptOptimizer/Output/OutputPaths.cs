using System.Collections.Concurrent;

namespace PromptOptimizer.Output;

/// <summary>Maps topics to output files and proves every path stays inside the output directory.</summary>
internal sealed class OutputPaths
{
    /// <summary>Folders under the root already proven to be real directories in this run (see <see cref="EnsureNoLinks"/>).</summary>
    private readonly ConcurrentDictionary<string, byte> _realFolders = new(StringComparer.Ordinal);

    public OutputPaths(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Root = Path.GetFullPath(outputDirectory);
    }

    public string Root { get; }

    /// <summary>The absolute output file for a topic identity such as <c>001_cybersecurity/sql_injection.json</c>.</summary>
    public string For(OutputKind kind, string topicPath)
    {
        // Contained in the product folder, not only the root: a topic path must not reach another product's files.
        var folder = Path.Combine(Root, OutputKinds.NameOf(kind));
        var full = Path.GetFullPath(Path.Combine(folder, topicPath));
        var relative = Path.GetRelativePath(folder, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"Output path for '{topicPath}' would leave the output directory.", nameof(topicPath));
        }

        return full;
    }

    /// <summary>Removes the temp files a killed process left in every product's folder.</summary>
    public void SweepTempFiles()
    {
        foreach (var kind in Enum.GetValues<OutputKind>())
        {
            AtomicFile.SweepTempFiles(Path.Combine(Root, OutputKinds.NameOf(kind)));
        }
    }

    /// <summary>
    /// Throws <see cref="IOException"/> when a folder between the root and <paramref name="path"/> (or the file) is a
    /// symbolic link: a link planted in the output tree would otherwise carry the write outside the output directory.
    /// </summary>
    /// <remarks>
    /// This runs before every output write, so a folder proven to be a real directory (it and every folder above it up
    /// to the root) is remembered and not checked again; the file itself is checked every time. A per-run memory is
    /// enough: the output tree belongs to the run (the state lock makes it the only writer), the check was only ever as
    /// good as the moment it ran (a folder swapped for a link just after it is not seen either), and what it guards
    /// against is a link already planted in the tree, which the first write into each folder still finds.
    /// </remarks>
    public void EnsureNoLinks(string path)
    {
        var full = Path.GetFullPath(path);
        List<string>? checkedFolders = null;
        for (var current = full; current.Length > Root.Length && current.StartsWith(Root, StringComparison.Ordinal); current = Path.GetDirectoryName(current)!)
        {
            if (!ReferenceEquals(current, full))
            {
                if (_realFolders.ContainsKey(current))
                {
                    // Everything above a remembered folder was proven with it.
                    break;
                }

                (checkedFolders ??= []).Add(current);
            }

            // On Unix LinkTarget is a single readlink, null for anything that is not a link (or does not exist); the
            // full check below, with the message, only runs for an actual link.
            if (new FileInfo(current).LinkTarget is not null)
            {
                ThrowIfLink(current);
            }
        }

        if (checkedFolders is null)
        {
            return;
        }

        foreach (var folder in checkedFolders)
        {
            // A folder that does not exist yet is created by the write and proven on the next one.
            var info = new DirectoryInfo(folder);
            if (info.Exists && !info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                _realFolders.TryAdd(folder, 0);
            }
        }
    }

    private static void ThrowIfLink(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.Exists && info.LinkTarget is { } target)
        {
            throw new IOException($"{path} is a symbolic link (to {target}); writing through it would leave the output directory");
        }
    }
}
