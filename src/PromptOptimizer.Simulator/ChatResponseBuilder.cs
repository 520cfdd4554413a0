using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>Shapes a chat completion exactly like OpenRouter's recorded responses.</summary>
internal static class ChatResponseBuilder
{
    /// <param name="priceFactor">Share of the per-token price billed: 1 for a synchronous call, the batch discount
    /// (<see cref="SimulatorOptions.BatchPriceFactor"/>) for a request answered inside a batch.</param>
    public static (JsonObject Body, decimal Cost) Build(
        string id, long created, ChatRequest request, ChatAnswer answer, SimulatorOptions options, int webResults, decimal priceFactor = 1m)
    {
        var promptTokens = SimText.Tokens(request.PromptCharacters);
        var completionTokens = answer.CompletionTokens
            ?? SimText.Tokens((answer.Content ?? answer.Refusal ?? string.Empty).Length);
        var promptCost = promptTokens * options.PromptPricePerToken * priceFactor;
        var completionCost = completionTokens * options.CompletionPricePerToken * priceFactor;
        var webCost = request.WebPlugin
            ? options.WebSearchFee + (Math.Max(0, webResults - 10) * options.WebExtraResultFee)
            : 0m;
        var cost = promptCost + completionCost + webCost;

        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = answer.Content,
            ["refusal"] = answer.Refusal,
            ["reasoning"] = null,
        };
        if (answer.Annotations is not null)
        {
            message["annotations"] = answer.Annotations;
        }

        var choice = new JsonObject
        {
            ["index"] = 0,
            ["finish_reason"] = answer.FinishReason,
            ["native_finish_reason"] = answer.FinishReason,
            ["logprobs"] = null,
            ["message"] = message,
        };
        if (answer.Error is not null)
        {
            choice["error"] = answer.Error;
        }

        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = request.Model,
            ["provider"] = "Simulator",
            ["system_fingerprint"] = null,
            ["choices"] = new JsonArray(choice),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["cost"] = cost,
                ["is_byok"] = false,
                ["cost_details"] = new JsonObject
                {
                    ["upstream_inference_cost"] = promptCost + completionCost,
                    ["upstream_inference_prompt_cost"] = promptCost,
                    ["upstream_inference_completions_cost"] = completionCost,
                },
            },
        };
        if (!options.ReportCost)
        {
            var usage = body["usage"]!.AsObject();
            usage.Remove("cost");
            usage.Remove("is_byok");
            usage.Remove("cost_details");
        }

        return (body, cost);
    }
}
