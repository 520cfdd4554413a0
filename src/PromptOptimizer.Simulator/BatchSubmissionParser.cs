using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>
/// Reads a batch submission. A malformed envelope (not an object, another endpoint, no model, no requests, too many)
/// is refused at once with 400; a bad request inside is only found at validation and fails the batch, as OpenRouter
/// does after its 202.
/// </summary>
internal static class BatchSubmissionParser
{
    /// <summary>Why the envelope is refused with 400, or null when it is acceptable.</summary>
    public static string? Check(JsonNode? body, int maxRequests)
    {
        if (body is not JsonObject root)
        {
            return "Request body must be a JSON object.";
        }

        if (Text(root["endpoint"]) != BatchJson.Endpoint)
        {
            return $"\"endpoint\" must be \"{BatchJson.Endpoint}\" (the simulator answers chat completions only).";
        }

        if (string.IsNullOrWhiteSpace(Text(root["model"])))
        {
            return "\"model\" is required: a batch runs one model.";
        }

        if (root["requests"] is not JsonArray requests || requests.Count == 0)
        {
            return "\"requests\" must be a non-empty array of {custom_id, body}.";
        }

        if (requests.Count > maxRequests)
        {
            return $"A batch may hold at most {maxRequests} requests; this one has {requests.Count}.";
        }

        if (root["metadata"] is { } metadata && (metadata is not JsonObject map || map.Any(kv => Text(kv.Value) is null)))
        {
            return "\"metadata\" must be an object of string values.";
        }

        return null;
    }

    /// <summary>Every topic title in the batch, one a line, for scripts that match a topic.</summary>
    public static string Titles(JsonObject root) =>
        string.Join('\n', root["requests"]!.AsArray().Select(r => r?["body"] is JsonObject body ? Parse(body, Text(root["model"])!)?.TopicTitle : null)
            .Where(t => t is not null));

    /// <summary>The batch as accepted, with the first problem of any request recorded for validation.</summary>
    public static SimBatch Build(JsonObject root, string id, DateTimeOffset now, string? kind)
    {
        var model = Text(root["model"])!;
        var items = new List<SimBatchItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? problem = null;
        foreach (var (line, index) in root["requests"]!.AsArray().Select((line, index) => (line, index)))
        {
            var customId = Text(line?["custom_id"]);
            var body = line?["body"] as JsonObject;
            ChatRequest? request = null;
            if (string.IsNullOrEmpty(customId))
            {
                problem ??= $"Request {index} has no custom_id.";
            }
            else if (!seen.Add(customId))
            {
                problem ??= $"custom_id '{customId}' appears more than once.";
            }
            else if (body is null)
            {
                problem ??= $"Request '{customId}' has no body object.";
            }
            else if (Text(body["model"]) is { } own && own != model)
            {
                problem ??= $"Request '{customId}' asks for model '{own}', but the batch runs '{model}'.";
            }
            else if (Parse(body, model) is not { } parsed)
            {
                problem ??= $"Request '{customId}' is not a usable chat completions request.";
            }
            else if (parsed.WebPlugin)
            {
                problem ??= $"Request '{customId}' asks for the web plugin, which the Batch API does not run.";
            }
            else
            {
                request = parsed;
            }

            items.Add(new SimBatchItem(customId ?? string.Empty, body ?? (JsonNode)new JsonObject(), body?.ToJsonString() ?? string.Empty, request));
        }

        return new SimBatch
        {
            Id = id,
            Model = model,
            CreatedAt = now,
            Items = items,
            Metadata = root["metadata"]?.DeepClone().AsObject(),
            Problem = problem,
            Fault = kind is not null && SimKinds.BatchLevel.Contains(kind) ? kind : null,
        };
    }

    /// <summary>The request a body makes, with the batch's model when the body names none.</summary>
    private static ChatRequest? Parse(JsonObject body, string model)
    {
        var request = ChatRequestParser.TryParse(body, out _);
        return request is null || body["model"] is not null ? request : request with { Model = model };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
