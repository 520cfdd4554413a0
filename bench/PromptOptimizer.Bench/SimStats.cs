using System.Text.Json.Nodes;

namespace PromptOptimizer.Bench;

/// <summary>The parts of <c>GET /_sim/stats</c> the bench needs.</summary>
/// <param name="BatchCalls">Batch API calls (submit, poll, list, results).</param>
/// <param name="BatchedRequests">Chat requests submitted inside batches.</param>
/// <param name="GenerationCost">Billed chat answers, synchronous and inside batches (research excluded).</param>
internal sealed record SimStats(long ChatRequests, long SearchRequests, double ChatMeanMs, double SearchMeanMs,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, long>> Statuses, int PeakSearchPerSecond, int PeakChatPerSecond,
    long BatchCalls = 0, long BatchedRequests = 0, double GenerationCost = 0)
{
    public long Count(string endpoint, int status) =>
        Statuses.TryGetValue(endpoint, out var s) && s.TryGetValue(status, out var n) ? n : 0;

    public static SimStats Parse(JsonNode node)
    {
        static long Long(JsonNode? n) => n?.GetValue<long>() ?? 0;
        static double Double(JsonNode? n) => n?.GetValue<double>() ?? 0;
        static int Int(JsonNode? n) => n?.GetValue<int>() ?? 0;
        var statuses = new Dictionary<string, IReadOnlyDictionary<int, long>>(StringComparer.Ordinal);
        if (node["status_counts"] is JsonObject byEndpoint)
        {
            foreach (var (endpoint, value) in byEndpoint)
            {
                statuses[endpoint] = (value as JsonObject ?? [])
                    .ToDictionary(kv => int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture), kv => Long(kv.Value));
            }
        }

        return new SimStats(
            Long(node["requests"]?["chat"]),
            Long(node["requests"]?["search"]),
            Double(node["mean_latency_ms"]?["chat"]),
            Double(node["mean_latency_ms"]?["search"]),
            statuses,
            Int(node["peak_requests_per_second"]?["search"]),
            Int(node["peak_requests_per_second"]?["chat"]),
            Long(node["requests"]?["batch"]),
            Long(node["batches"]?["requests"]),
            Double(node["cost_by_endpoint"]?["chat"]) + Double(node["cost_by_endpoint"]?["batch"]));
    }
}
