using System.Security.Cryptography;
using System.Text;

namespace PromptOptimizer.Topics;

/// <summary>
/// Streams the topics of a topics directory (<c>&lt;category&gt;/&lt;name&gt;.json</c>) in a deterministic order:
/// category, then file name, both ordinal. A broken file becomes an invalid result naming the file; it never throws.
/// It lists and reads; identities are <see cref="TopicPath"/>'s, links <see cref="TopicLinkCheck"/>'s and parsing
/// <see cref="TopicParser"/>'s.
/// </summary>
internal sealed class TopicLoader
{
    /// <summary>Files larger than this are refused before they are read.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private readonly string _root;
    private readonly TopicLinkCheck _links;
    private readonly Func<TopicDefinition, string>? _researchIdentity;

    /// <param name="researchIdentity">
    /// For a research mode whose sources belong to a topic's identity (local sources): what it adds for a topic. The
    /// topic's <see cref="TopicDefinition.ContentHash"/> then covers the file and that text, so a change to either makes
    /// a completed topic stale, and its stamp is not offered (the file alone no longer proves the topic unchanged).
    /// </param>
    public TopicLoader(string topicsDirectory, Func<TopicDefinition, string>? researchIdentity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicsDirectory);
        _root = Path.GetFullPath(topicsDirectory);
        _links = new TopicLinkCheck(_root);
        _researchIdentity = researchIdentity;
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
    public IEnumerable<TopicLoadResult> LoadAll(IReadOnlyCollection<string>? categories = null) =>
        EnumeratePaths(categories).Select(Load);

    /// <inheritdoc cref="TopicPath.FromUserPath"/>
    public string? ToTopicPath(string userPath) => TopicPath.FromUserPath(_root, userPath);

    /// <inheritdoc cref="TopicParser.Parse"/>
    public static TopicLoadResult Parse(string relativePath, ReadOnlySpan<byte> bytes) => TopicParser.Parse(relativePath, bytes);

    /// <inheritdoc cref="TopicPath.Check"/>
    public static string? CheckRelativePath(string relativePath) => TopicPath.Check(relativePath);

    /// <summary>The stamp of a topic file without reading it; null when the path is refused or the file is not there.</summary>
    public TopicFileStamp? Stamp(string relativePath)
    {
        if (TopicPath.Check(relativePath) is not null || _researchIdentity is not null)
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

    /// <summary>
    /// The content hash of a topic under a research mode whose sources belong to its identity: the hash of its file
    /// (<paramref name="fileHash"/>) and of what that mode adds (<paramref name="researchIdentity"/>).
    /// </summary>
    public static string GroundedHash(string fileHash, string researchIdentity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileHash + "\n" + researchIdentity)));

    /// <summary>Reads and validates one topic given its relative path.</summary>
    public TopicLoadResult Load(string relativePath)
    {
        if (TopicPath.Check(relativePath) is { } pathError)
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

            if (_links.Check(info) is { } escape)
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

            var result = TopicParser.Parse(relativePath, bytes);
            return result.Topic is not { } topic ? result
                : _researchIdentity is null ? TopicLoadResult.Ok(topic with { Stamp = stamp })
                : TopicLoadResult.Ok(topic with { ContentHash = GroundedHash(topic.ContentHash, _researchIdentity(topic)) });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TopicLoadResult.Invalid(relativePath, "cannot read file: " + ex.Message);
        }
    }
}
