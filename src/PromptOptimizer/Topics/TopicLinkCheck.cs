using System.Collections.Concurrent;

namespace PromptOptimizer.Topics;

/// <summary>
/// Whether a topic file's bytes really lie inside the topics directory: the file and its category folder may both be
/// symbolic links, pointing anywhere. A plain file in a plain folder costs no extra system call, because each category
/// folder's verdict is kept (folders are few, files many).
/// </summary>
internal sealed class TopicLinkCheck(string root)
{
    private const string PointsOutside = "symbolic link points outside the topics directory";

    private readonly Lazy<string> _realRoot = new(() => RealPath(root));

    // Category folder name -> null when it really lies inside the root, else the refusal.
    private readonly ConcurrentDictionary<string, string?> _categories = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="file"/>, an existing file in a category folder, really lies inside the root; else why not.</summary>
    public string? Check(FileInfo file)
    {
        if (file.LinkTarget is null)
        {
            var category = file.Directory!;
            return _categories.GetOrAdd(category.Name, _ => IsInside(RealPath(category.FullName)) ? null : PointsOutside);
        }

        var resolved = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        if (resolved is null)
        {
            return "symbolic link target does not exist";
        }

        return IsInside(RealPath(Path.GetDirectoryName(resolved)!)) ? null : PointsOutside;
    }

    private bool IsInside(string realDirectory)
    {
        var relative = Path.GetRelativePath(_realRoot.Value, realDirectory);
        return !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    /// <summary>The directory's path with every link on the way resolved.</summary>
    private static string RealPath(string directory)
    {
        var info = new DirectoryInfo(directory);
        var parts = new Stack<string>();
        while (info is not null)
        {
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null)
                {
                    var rebuilt = RealPath(target.FullName);
                    return parts.Count == 0 ? rebuilt : Path.Combine([rebuilt, .. parts]);
                }
            }

            if (info.Parent is null)
            {
                return parts.Count == 0 ? info.FullName : Path.Combine([info.FullName, .. parts]);
            }

            parts.Push(info.Name);
            info = info.Parent;
        }

        return directory;
    }
}
