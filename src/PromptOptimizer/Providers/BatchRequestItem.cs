namespace PromptOptimizer.Providers;

/// <summary>One request inside a batch.</summary>
/// <param name="CustomId">Names the topic, the step and the attempt; unique within the batch and never reused for another body.</param>
internal sealed record BatchRequestItem(string CustomId, ChatRequest Request);
