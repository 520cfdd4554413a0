using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>One submitted batch and, once processed, its answers. Guarded by <see cref="BatchStore"/>'s lock.</summary>
internal sealed class SimBatch
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<SimBatchItem> Items { get; init; }

    public JsonObject? Metadata { get; init; }

    /// <summary>Why validation fails the batch once it is processed (a bad request inside), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>A whole-batch fault kind drawn at submission (<see cref="SimKinds.BatchLevel"/>), or null.</summary>
    public string? Fault { get; init; }

    public string Status { get; set; } = "validating";

    public DateTimeOffset? FinalizedAt { get; set; }

    public string? Error { get; set; }

    public int Completed { get; set; }

    public int Failed { get; set; }

    public long PromptTokens { get; set; }

    public long CompletionTokens { get; set; }

    public decimal Cost { get; set; }

    public JsonArray Results { get; } = [];

    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";
}
