namespace PromptOptimizer.Tracking;

/// <summary>A topic file put on the shared queue: its path under <c>topics/</c>, content hash and raw bytes.</summary>
/// <param name="Path">The topic path as tracked (e.g. <c>001_security/xss.json</c>).</param>
/// <param name="ContentHash">The hash the engine computes for the file; a changed hash makes a completed topic pending again.</param>
/// <param name="Content">The file's bytes, stored so that workers on other machines need no shared file system.</param>
internal sealed record QueuedTopic(string Path, string ContentHash, byte[] Content);
