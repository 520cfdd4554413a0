using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>Shapes the Batch API's objects as OpenRouter documents them (see docs/simulator.md, "The Batch API").</summary>
internal static class BatchJson
{
    public const string Endpoint = "/v1/chat/completions";

    /// <summary>The batch object; <c>results</c> is null until the batch has finished, and always null in a list.</summary>
    public static JsonObject Object(SimBatch batch, bool withResults, bool reportCost)
    {
        var terminal = batch.IsTerminal;
        JsonObject? usage = null;
        if (terminal && batch.Status != "failed")
        {
            usage = new JsonObject
            {
                ["prompt_tokens"] = batch.PromptTokens,
                ["completion_tokens"] = batch.CompletionTokens,
                ["total_tokens"] = batch.PromptTokens + batch.CompletionTokens,
            };
            if (reportCost)
            {
                usage["cost"] = batch.Cost;
            }
        }

        return new JsonObject
        {
            ["id"] = batch.Id,
            ["object"] = "batch",
            ["endpoint"] = Endpoint,
            ["model"] = batch.Model,
            ["provider"] = "Simulator",
            ["status"] = batch.Status,
            ["completion_window"] = "24h",
            ["created_at"] = batch.CreatedAt.ToUnixTimeSeconds(),
            ["expires_at"] = batch.CreatedAt.AddHours(24).ToUnixTimeSeconds(),
            ["finalized_at"] = batch.FinalizedAt?.ToUnixTimeSeconds(),
            ["error"] = batch.Error is null ? null : new JsonObject { ["message"] = batch.Error },
            ["request_counts"] = new JsonObject
            {
                ["total"] = batch.Items.Count,
                ["completed"] = batch.Completed,
                ["failed"] = batch.Failed,
            },
            ["usage"] = usage,
            ["metadata"] = batch.Metadata?.DeepClone(),
            ["results"] = withResults && terminal ? batch.Results.DeepClone() : null,
        };
    }

    /// <summary>A result line for a request that got an HTTP answer (200 or an error status).</summary>
    public static JsonObject ResponseLine(string customId, int status, JsonObject body) => new()
    {
        ["id"] = "batchreq_" + customId,
        ["custom_id"] = customId,
        ["response"] = new JsonObject
        {
            ["status_code"] = status,
            ["request_id"] = body["id"]?.GetValue<string>(),
            ["body"] = body,
        },
        ["error"] = null,
    };

    /// <summary>A result line for a request that got no answer at all.</summary>
    public static JsonObject ErrorLine(string customId, string type, string message) => new()
    {
        ["id"] = "batchreq_" + customId,
        ["custom_id"] = customId,
        ["response"] = null,
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null },
    };
}
