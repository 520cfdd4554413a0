namespace PromptOptimizer.LocalSources;

/// <summary>
/// The supported files of a library folder, in path order, and the entries refused on the way: a symbolic link whose
/// target lies outside the folder (or is missing) is one warning, never followed. Links to folders are not followed
/// (their files are indexed where they really are, when that is inside the folder); hidden entries are left out.
/// </summary>
internal sealed record LibraryWalk(IReadOnlyList<LibraryFile> Files, IReadOnlyList<IndexWarning> Refused)
{
    public static LibraryWalk Of(string root)
    {
        var realRoot = RealPath(root);
        var files = new List<LibraryFile>();
        var refused = new List<IndexWarning>();
        var folders = new Stack<string>([root]);
        while (folders.TryPop(out var folder))
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                refused.Add(new IndexWarning(Relative(root, folder) + "/", "cannot read the folder: " + ex.Message));
                continue;
            }

            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                var relative = Relative(root, entry.FullName);
                if (entry.LinkTarget is not null)
                {
                    var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null || !target.Exists)
                    {
                        refused.Add(new IndexWarning(relative, "symbolic link target does not exist"));
                    }
                    else if (!IsInside(realRoot, RealPath(target.FullName)))
                    {
                        refused.Add(new IndexWarning(relative, "symbolic link points outside the library folder"));
                    }
                    else if (target is FileInfo linked && DocumentReader.IsSupported(relative))
                    {
                        files.Add(new LibraryFile(relative, linked));
                    }

                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    folders.Push(entry.FullName);
                }
                else if (entry is FileInfo file && DocumentReader.IsSupported(relative))
                {
                    files.Add(new LibraryFile(relative, file));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return new LibraryWalk(files, refused);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static bool IsInside(string realRoot, string realPath)
    {
        var relative = Path.GetRelativePath(realRoot, realPath);
        return !(relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    /// <summary>The path with every link on the way resolved (the folder itself may sit behind a link).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        var realParent = parent is null ? null : RealPath(parent);
        var here = realParent is null ? full : Path.Combine(realParent, Path.GetFileName(full));
        var info = new FileInfo(here);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? RealPath(target.FullName) : here;
    }
}
