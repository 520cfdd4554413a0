namespace PromptOptimizer.Simulator;

/// <summary>Immutable snapshot of what the simulator served; also the JSON of <c>GET /_sim/stats</c>.</summary>
/// <param name="Requests">Arrivals per endpoint ("chat", "search").</param>
/// <param name="StatusCounts">Endpoint → status → count; 0 = never answered (timeout, client gave up), -1 = reset.</param>
/// <param name="PeakConcurrency">Most requests in flight at once, all endpoints together.</param>
/// <param name="PeakConcurrencyByEndpoint">Most requests in flight at once per endpoint.</param>
/// <param name="PeakRequestsPerSecond">Most arrivals in any 1-second window per endpoint, rate-limited ones included.</param>
/// <param name="PeakAcceptedPerSecond">Like <paramref name="PeakRequestsPerSecond"/> but only arrivals the rate limiter let through.</param>
/// <param name="MeanLatencyMs">Mean time from arrival to answer for answered requests, per endpoint.</param>
/// <param name="TotalCost">Sum of the costs reported in successful answers (chat usage.cost, batch answers' usage.cost and Exa costDollars.total).</param>
/// <param name="CostByEndpoint"><paramref name="TotalCost"/> per endpoint: <c>chat</c> (synchronous answers), <c>batch</c> (answers inside batches), <c>search</c>.</param>
/// <param name="ChatRequestsBySchema">Chat requests past auth, rate limit and body parsing, by response_format.json_schema.name ("" when absent).</param>
/// <param name="WebPluginRequests">Such chat requests with the web plugin (or an ":online" model).</param>
/// <param name="Topics">Per topic title; a search whose query starts with a known title is counted under that title, otherwise under the query.</param>
/// <param name="SearchesByQuery">Answered /search calls per query text.</param>
/// <param name="Batches">The Batch API's counters; its billed answers are in <paramref name="TotalCost"/> at the batch price.</param>
internal sealed record SimulatorStats(
    IReadOnlyDictionary<string, long> Requests,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, long>> StatusCounts,
    int PeakConcurrency,
    IReadOnlyDictionary<string, int> PeakConcurrencyByEndpoint,
    IReadOnlyDictionary<string, int> PeakRequestsPerSecond,
    IReadOnlyDictionary<string, int> PeakAcceptedPerSecond,
    IReadOnlyDictionary<string, double> MeanLatencyMs,
    decimal TotalCost,
    IReadOnlyDictionary<string, decimal> CostByEndpoint,
    IReadOnlyDictionary<string, long> ChatRequestsBySchema,
    long WebPluginRequests,
    IReadOnlyDictionary<string, TopicStats> Topics,
    IReadOnlyDictionary<string, long> SearchesByQuery,
    BatchStats Batches)
{
    /// <summary>Requests of <paramref name="endpoint"/> that ended with <paramref name="status"/>.</summary>
    public long CountOf(string endpoint, int status) =>
        StatusCounts.TryGetValue(endpoint, out var byStatus) && byStatus.TryGetValue(status, out var count) ? count : 0;

    /// <summary>Arrivals at <paramref name="endpoint"/>.</summary>
    public long RequestsTo(string endpoint) => Requests.TryGetValue(endpoint, out var count) ? count : 0;

    /// <summary>Counters for a topic title, zero when the simulator never saw it.</summary>
    public TopicStats Topic(string title) => Topics.TryGetValue(title, out var stats) ? stats : TopicStats.Empty;
}
