namespace PromptOptimizer.Simulator;

/// <summary>
/// Forces <paramref name="Kind"/> on the next <paramref name="Times"/> matching requests.
/// Matching: schema name equal when set, topic title (or search query) containing the text when set,
/// endpoint ("chat", "search" or "batch") equal when set. Chat-only kinds never match searches. Requests inside a
/// batch are chat requests; a script for "batch" (a transport kind on the next Batch API call, or a whole-batch kind
/// on the next submission) must name that endpoint.
/// </summary>
internal sealed record SimScript(
    string Kind,
    int Times,
    string? SchemaName = null,
    string? TopicContains = null,
    string? Endpoint = null)
{
    public string Kind { get; init; } = SimKinds.All.Contains(Kind)
        ? Kind
        : throw new ArgumentException($"Unknown script kind '{Kind}'.", nameof(Kind));

    public int Times { get; init; } = Times > 0
        ? Times
        : throw new ArgumentException("Times must be at least 1.", nameof(Times));

    public string? Endpoint { get; init; } = Endpoint is null or SimEndpoints.Chat or SimEndpoints.Search or SimEndpoints.Batch
        ? Endpoint
        : throw new ArgumentException($"Endpoint must be '{SimEndpoints.Chat}', '{SimEndpoints.Search}' or '{SimEndpoints.Batch}'.", nameof(Endpoint));
}
