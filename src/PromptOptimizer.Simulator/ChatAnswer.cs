using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>The assistant message and finish state of one simulated completion.</summary>
internal sealed record ChatAnswer
{
    public string? Content { get; init; }

    public string? Refusal { get; init; }

    public string FinishReason { get; init; } = "stop";

    /// <summary>choices[0].error for a failure reported with HTTP 200.</summary>
    public JsonObject? Error { get; init; }

    public JsonArray? Annotations { get; init; }

    /// <summary>Completion tokens to bill; null means estimate from the content.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>False when the answer is deliberately unusable (bad JSON, wrong shape, invalid cards, refusal).</summary>
    public bool WellFormed { get; init; } = true;
}
