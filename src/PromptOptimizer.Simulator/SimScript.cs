namespace PromptOptimizer.Simulator;

/// <summary>
/// Forces <paramref name="Kind"/> on the next <paramref name="Times"/> matching requests.
/// Matching: schema name equal when set, topic title (or search query) containing the text when set,
/// endpoint ("chat" or "search") equal when set. Chat-only kinds never match searches.
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

    public string? Endpoint { get; init; } = Endpoint is null or SimEndpoints.Chat or SimEndpoints.Search
        ? Endpoint
        : throw new ArgumentException($"Endpoint must be '{SimEndpoints.Chat}' or '{SimEndpoints.Search}'.", nameof(Endpoint));
}
