namespace PromptOptimizer.Topics;

/// <summary>
/// A topic's identity: its path relative to the topics directory, <c>&lt;category&gt;/&lt;name&gt;.json</c> with
/// forward slashes. Identities come from files, database rows and users alike, so one is checked before it is joined
/// to a directory.
/// </summary>
internal static class TopicPath
{
    /// <summary>Why <paramref name="relativePath"/> is no topic identity (it could leave the topics directory); null when it is one.</summary>
    public static string? Check(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath) || relativePath.Contains('\\', StringComparison.Ordinal))
        {
            return "topic path must be relative to the topics directory";
        }

        var segments = relativePath.Split('/');
        if (segments.Length != 2 || segments.Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            return "topic path must be <category>/<name>.json without '..'";
        }

        return relativePath.EndsWith(".json", StringComparison.Ordinal) ? null : "topic file must end in .json";
    }

    /// <summary>The category (the folder) and the name (the file name without <c>.json</c>) of an identity.</summary>
    public static (string Category, string Name) Split(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return (slash > 0 ? relativePath[..slash] : "", Path.GetFileNameWithoutExtension(relativePath[(slash + 1)..]));
    }

    /// <summary>
    /// The identity a user means by <paramref name="userPath"/>: relative to the topics directory, or a path to the file
    /// (absolute or from the current directory); null when it lies outside <paramref name="root"/>.
    /// </summary>
    public static string? FromUserPath(string root, string userPath)
    {
        var normalized = userPath.Replace('\\', '/');
        var candidate = Path.GetFullPath(Path.IsPathRooted(normalized) ? normalized : Path.Combine(root, normalized));
        if (!File.Exists(candidate) && !Path.IsPathRooted(normalized))
        {
            candidate = Path.GetFullPath(normalized);
        }

        var relative = Path.GetRelativePath(root, candidate).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative)
            ? null
            : relative;
    }
}
