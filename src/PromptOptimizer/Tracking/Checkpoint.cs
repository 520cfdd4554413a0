using System.Text.Json.Serialization;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>
/// Progress of one batch run, rewritten after every batch so <c>--checkpoint-status</c> and <c>--resume</c>
/// can report it. The completion database stays the source of truth for which topics are done.
/// </summary>
/// <param name="Arguments">The original command line, secrets already removed by the caller.</param>
internal sealed record Checkpoint(
    string RunId,
    [property: JsonConverter(typeof(RunVariantJsonConverter))] RunVariant Variant,
    IReadOnlyList<string> Arguments,
    DateTimeOffset Started,
    DateTimeOffset LastUpdated,
    int Total,
    int Completed,
    int Failed,
    int Skipped,
    int Remaining,
    int CurrentBatch,
    int TotalBatches,
    bool Finished,
    decimal CostUsd);
