using PromptOptimizer.Topics;

namespace PromptOptimizer.Generation;

/// <summary>What processing one topic produced: the written output file and its JSON, or the error.</summary>
internal sealed record PipelineResult(string? OutputPath, string? Json, TopicError? Error)
{
    public bool IsSuccess => Error is null;
}
