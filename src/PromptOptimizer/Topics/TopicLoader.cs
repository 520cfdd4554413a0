using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PromptOptimizer.Topics;

/// <summary>
/// Streams the topics of a topics directory (<c>&lt;category&gt;/&lt;name&gt;.json</c>) in a deterministic order:
/// category, then file name, both ordinal. A broken file becomes an invalid result naming the file; it never throws.
/// </summary>
internal sealed class TopicLoader
{
    /// <summary>Files larger than this are refused before they are read.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _root;
    private readonly Lazy<string> _realRoot;

    // Category folder name -> null when it really lies inside the root, else the refusal. Folders are few; files many.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _categoryChecks = new(StringComparer.Ordinal);

    public TopicLoader(string topicsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicsDirectory);
        _root = Path.GetFullPath(topicsDirectory);
        _realRoot = new Lazy<string>(() => RealPath(_root));
    }

    /// <summary>The absolute topics directory.</summary>
    public string Root => _root;

    /// <summary>Category folder names in order.</summary>
    public IEnumerable<string> EnumerateCategories()
    {
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"Topics directory not found: {_root}");
        }

        var names = Directory.EnumerateDirectories(_root).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>The selected category folder names in order.</summary>
    /// <param name="categories">Categories to include; null or empty means all.</param>
    public IEnumerable<string> EnumerateCategories(IReadOnlyCollection<string>? categories) =>
        EnumerateCategories().Where(c => categories is not { Count: > 0 } || categories.Contains(c, StringComparer.Ordinal));

    /// <summary>Relative paths of every topic file, category by category, without reading them.</summary>
    /// <param name="categories">Categories to include; null or empty means all.</param>
    public IEnumerable<string> EnumeratePaths(IReadOnlyCollection<string>? categories = null) =>
        EnumerateCategories(categories).SelectMany(CategoryPaths);

    /// <summary>Relative paths of the topic files of one category, in order, without reading them.</summary>
    public IReadOnlyList<string> CategoryPaths(string category)
    {
        var files = Directory.EnumerateFiles(Path.Combine(_root, category), "*.json")
            .Select(Path.GetFileName).OfType<string>().ToList();
        files.Sort(StringComparer.Ordinal);
        return files.ConvertAll(file => category + "/" + file);
    }

    /// <summary>Loads every selected topic lazily, in order.</summary>
    public IEnumerable<TopicLoadResult> LoadAll(IReadOnlyCollection<string>? categories = null)
    {
        foreach (var path in EnumeratePaths(categories))
        {
            yield return Load(path);
        }
    }

    /// <summary>Resolves a user-given path (relative to the topics directory, or a path to the file) to a topic identity.</summary>
    public string? ToTopicPath(string userPath)
    {
        var normalized = userPath.Replace('\\', '/');
        var candidate = Path.GetFullPath(Path.IsPathRooted(normalized) ? normalized : Path.Combine(_root, normalized));
        if (!File.Exists(candidate) && !Path.IsPathRooted(normalized))
        {
            candidate = Path.GetFullPath(normalized);
        }

        var relative = Path.GetRelativePath(_root, candidate).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative)
            ? null
            : relative;
    }

    /// <summary>The stamp of a topic file without reading it; null when the path is refused or the file is not there.</summary>
    public TopicFileStamp? Stamp(string relativePath)
    {
        if (CheckRelativePath(relativePath) is not null)
        {
            return null;
        }

        try
        {
            return TopicFileStamp.Of(new FileInfo(Path.Combine(_root, relativePath)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads and validates one topic given its relative path.</summary>
    public TopicLoadResult Load(string relativePath)
    {
        var pathError = CheckRelativePath(relativePath);
        if (pathError is not null)
        {
            return TopicLoadResult.Invalid(relativePath, pathError);
        }

        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                return TopicLoadResult.Invalid(relativePath, "file not found");
            }

            var escape = CheckInsideRoot(info);
            if (escape is not null)
            {
                return TopicLoadResult.Invalid(relativePath, escape);
            }

            // Never opened when empty: a FIFO or device node also reports 0 bytes, and opening one would block the run forever.
            if (info.Length == 0)
            {
                return TopicLoadResult.Invalid(relativePath, "file is empty (or not a regular file)");
            }

            if (info.Length > MaxFileBytes)
            {
                return TopicLoadResult.Invalid(relativePath, $"file is {info.Length} bytes, larger than the 1 MiB limit");
            }

            // Taken before the read: a write racing the read then changes the stamp too, so the next run reads again.
            var stamp = TopicFileStamp.Of(info);
            var bytes = File.ReadAllBytes(full);
            if (bytes.LongLength > MaxFileBytes)
            {
                return TopicLoadResult.Invalid(relativePath, $"file is {bytes.LongLength} bytes, larger than the 1 MiB limit");
            }

            var result = Parse(relativePath, bytes);
            return result.Topic is { } topic ? TopicLoadResult.Ok(topic with { Stamp = stamp }) : result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TopicLoadResult.Invalid(relativePath, "cannot read file: " + ex.Message);
        }
    }

    /// <summary>Parses topic bytes (already read) into a topic or an error.</summary>
    public static TopicLoadResult Parse(string relativePath, ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return TopicLoadResult.Invalid(relativePath, "file is not valid UTF-8");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var json = bytes;
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            return TopicLoadResult.Invalid(relativePath, $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return TopicLoadResult.Invalid(relativePath, $"expected a JSON object, found {Describe(root.ValueKind)}");
            }

            var reader = new TopicFieldReader(root);
            var title = reader.String("title");
            var description = reader.String("description");
            var audience = reader.String("audience");
            var difficulty = reader.String("difficulty");
            var searchQuery = reader.String("search_query");
            var keywords = reader.StringArray("keywords");
            var cardCount = reader.Int("card_count");

            if (reader.Error is not null)
            {
                return TopicLoadResult.Invalid(relativePath, reader.Error);
            }

            if (string.IsNullOrWhiteSpace(title))
            {
                return TopicLoadResult.Invalid(relativePath, title is null ? "missing required field 'title'" : "field 'title' is empty");
            }

            var count = cardCount ?? TopicDefinition.DefaultCardCount;
            if (count is < 1 or > TopicDefinition.MaxCardCount)
            {
                return TopicLoadResult.Invalid(relativePath, $"field 'card_count' is {count}, allowed 1..{TopicDefinition.MaxCardCount}");
            }

            var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
            var category = slash > 0 ? relativePath[..slash] : "";
            var name = Path.GetFileNameWithoutExtension(relativePath[(slash + 1)..]);
            return TopicLoadResult.Ok(new TopicDefinition(
                relativePath, category, name, title.Trim(), NullIfBlank(description), keywords ?? [],
                NullIfBlank(audience), NullIfBlank(difficulty), count, NullIfBlank(searchQuery), hash));
        }
    }

    /// <summary>Refuses identities that could leave the topics directory.</summary>
    public static string? CheckRelativePath(string relativePath)
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

    private string? CheckInsideRoot(FileInfo info)
    {
        // Both the file and its category folder may be links; what matters is where the bytes really are.
        // The common case (a plain file in a plain folder) costs no extra system call: the folder's verdict is cached.
        if (info.LinkTarget is null)
        {
            var category = info.Directory!;
            return _categoryChecks.GetOrAdd(category.Name, _ => IsInside(RealPath(category.FullName)) ? null : "symbolic link points outside the topics directory");
        }

        var resolved = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        if (resolved is null)
        {
            return "symbolic link target does not exist";
        }

        return IsInside(RealPath(Path.GetDirectoryName(resolved)!)) ? null : "symbolic link points outside the topics directory";
    }

    private bool IsInside(string realDirectory)
    {
        var relative = Path.GetRelativePath(_realRoot.Value, realDirectory);
        return !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

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

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
