using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// A private topics directory per worker (one per product) holding the claimed topics' enqueued bytes, so the
/// ordinary <see cref="TopicLoader"/> and <see cref="TopicRunner"/> run them unchanged. Removed on dispose.
/// </summary>
internal sealed class WorkerTopicTree : IDisposable
{
    private readonly Dictionary<OutputKind, TopicLoader> _loaders = [];

    public WorkerTopicTree(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        foreach (var kind in Enum.GetValues<OutputKind>())
        {
            var directory = Path.Combine(Root, OutputKinds.NameOf(kind));
            Directory.CreateDirectory(directory);
            _loaders[kind] = new TopicLoader(directory);
        }
    }

    public string Root { get; }

    /// <summary>A fresh tree under the system temp directory, named after the worker.</summary>
    public static WorkerTopicTree CreateTemporary(string workerId)
    {
        var safe = string.Concat(workerId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return new WorkerTopicTree(Path.Combine(Path.GetTempPath(), "po-worker-" + safe + "-" + Guid.NewGuid().ToString("N")[..6]));
    }

    public TopicLoader LoaderFor(OutputKind kind) => _loaders[kind];

    /// <summary>
    /// Writes the claimed content where the loader will look; a path that could leave the tree is not written (the
    /// runner then fails the topic as invalid, naming the path).
    /// </summary>
    public async Task WriteAsync(ClaimedTopic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (TopicLoader.CheckRelativePath(topic.Path) is not null)
        {
            return;
        }

        await AtomicFile.WriteAsync(FileOf(topic), topic.Content, cancellationToken).ConfigureAwait(false);
    }

    public void Delete(ClaimedTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (TopicLoader.CheckRelativePath(topic.Path) is null)
        {
            File.Delete(FileOf(topic));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private string FileOf(ClaimedTopic topic) => Path.Combine(_loaders[topic.Mode].Root, topic.Path);
}
