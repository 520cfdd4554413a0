using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptOptimizer.Simulator;

/// <summary><c>POST /search</c>: Exa's search with contents.</summary>
internal sealed class SearchEndpoint(SimulatorCore core)
{
    private const int DefaultResults = 10;
    private const int MaxResults = 100;
    private const decimal TextPricePerExtraResult = 0.001m;

    public Task HandleAsync(HttpContext context) => core.RunAsync(context, SimEndpoints.Search, AnswerAsync);

    private async Task<RequestOutcome> AnswerAsync(HttpContext context, long arrival)
    {
        var requestId = core.Random.NextToken(32, hexOnly: true);
        if (core.Options.RequireKeys && !HasKey(context))
        {
            return await ErrorAsync(context, ErrorBodies.ExaFault(401, requestId), 401).ConfigureAwait(false);
        }

        if (core.ExaLimiter is { } limiter && !limiter.TryAcquire(out var retryAfter))
        {
            return await ErrorAsync(context, ErrorBodies.ExaFault(429, requestId), 429, retryAfter).ConfigureAwait(false);
        }

        core.Stats.Accept(SimEndpoints.Search, arrival);
        var body = await SimulatorCore.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject;
        var query = body?["query"] is JsonValue q && q.TryGetValue<string>(out var text) ? text.Trim() : string.Empty;
        if (query.Length == 0)
        {
            return await ErrorAsync(
                context,
                ErrorBodies.Exa(requestId, "Invalid request body | query: Required", "INVALID_REQUEST_BODY"),
                400).ConfigureAwait(false);
        }

        await core.DelayAsync(context).ConfigureAwait(false);
        var kind = core.ChooseKind(SimEndpoints.Search, null, query);
        if (await core.TransportFaultAsync(context, kind, status => ErrorBodies.ExaFault(status, requestId)).ConfigureAwait(false) is { } fault)
        {
            return fault;
        }

        if (kind is not null && SimKinds.BrokenAnswer.Contains(kind))
        {
            return await ErrorAsync(context, ErrorBodies.ExaFault(500, requestId), 500).ConfigureAwait(false);
        }

        var (answer, cost) = Answer(body!, query, requestId, arrival);
        await SimulatorCore.WriteJsonAsync(context, 200, answer).ConfigureAwait(false);
        core.Stats.SearchAnswered(query);
        return new RequestOutcome(200, cost);
    }

    private (JsonObject Body, decimal Cost) Answer(JsonObject request, string query, string requestId, long arrival)
    {
        var count = Math.Clamp(IntOf(request["numResults"]) ?? DefaultResults, 1, MaxResults);
        var contents = request["contents"] as JsonObject;
        var textNode = contents?["text"];
        var wantsText = textNode is JsonObject || (textNode is JsonValue v && v.TryGetValue<bool>(out var on) && on);
        var maxCharacters = textNode is JsonObject textOptions ? IntOf(textOptions["maxCharacters"]) : null;

        var results = new JsonArray();
        foreach (var hit in SearchResultFactory.Create(query, count, core.Options.Seed))
        {
            var result = new JsonObject
            {
                ["id"] = hit.Url,
                ["url"] = hit.Url,
                ["title"] = hit.Title,
                ["publishedDate"] = hit.PublishedDate,
                ["author"] = hit.Author,
                ["score"] = hit.Score,
            };
            if (wantsText)
            {
                result["text"] = maxCharacters is > 0 and var max && hit.Text.Length > max ? hit.Text[..max] : hit.Text;
            }

            result["highlights"] = new JsonArray(hit.Highlights.Select(h => (JsonNode)h).ToArray());
            result["highlightScores"] = new JsonArray(hit.Highlights.Select((_, i) => (JsonNode)Math.Round(hit.Score - (0.05 * i), 4)).ToArray());
            results.Add((JsonNode)result);
        }

        var searchCost = core.Options.ExaSearchPrice;
        var textCost = wantsText ? Math.Max(0, count - 10) * TextPricePerExtraResult : 0m;
        var body = new JsonObject
        {
            ["requestId"] = requestId,
            ["resolvedSearchType"] = "neural",
            ["searchTime"] = Math.Round(core.Time.GetElapsedTime(arrival).TotalMilliseconds, 1),
            ["results"] = results,
            ["costDollars"] = new JsonObject
            {
                ["total"] = searchCost + textCost,
                ["search"] = new JsonObject { ["neural"] = searchCost },
                ["contents"] = new JsonObject { ["text"] = textCost },
            },
        };
        return (body, searchCost + textCost);
    }

    private static bool HasKey(HttpContext context) =>
        context.Request.Headers["x-api-key"].ToString().Trim().Length > 0 || SimulatorCore.HasBearer(context);

    private static int? IntOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static async Task<RequestOutcome> ErrorAsync(HttpContext context, JsonObject body, int status, int? retryAfter = null)
    {
        await SimulatorCore.WriteJsonAsync(context, status, body, retryAfter).ConfigureAwait(false);
        return new RequestOutcome(status);
    }
}
