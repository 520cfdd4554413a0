namespace PromptOptimizer.Output;

/// <summary>Which topic file (and which version of it) an output was made from.</summary>
internal sealed record TopicReference(string Path, string Title, string ContentHash);
