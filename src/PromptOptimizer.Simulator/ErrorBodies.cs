using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>Error bodies in each provider's shape.</summary>
internal static class ErrorBodies
{
    /// <summary><c>{"error":{"code","message","metadata"}}</c> as OpenRouter sends it.</summary>
    public static JsonObject OpenRouter(int code, string message, JsonObject? metadata = null) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["metadata"] = metadata },
    };

    /// <summary>The OpenRouter body for a status-code fault kind.</summary>
    public static JsonObject OpenRouterFault(int status, string model) => status switch
    {
        400 => OpenRouter(400, "This endpoint's maximum context length is 8192 tokens. However, you requested about 9216 tokens.",
            new JsonObject { ["provider_name"] = "Simulator" }),
        401 => OpenRouter(401, "User not found."),
        402 => OpenRouter(402, "Insufficient credits. Add more using https://openrouter.ai/settings/credits", new JsonObject
        {
            ["reason"] = "insufficient_credits",
            ["limit_source"] = "openrouter_credits",
            ["remedy_hint"] = "Add credits or lower max_tokens.",
        }),
        403 => OpenRouter(403, model + " requires moderation on OpenRouter. Your input was flagged.", new JsonObject
        {
            ["reasons"] = new JsonArray("violence"),
            ["flagged_input"] = "…simulated flagged excerpt…",
            ["provider_name"] = "Simulator",
            ["model_slug"] = model,
        }),
        429 => OpenRouter(429, "Rate limit exceeded: too many requests. Please retry shortly."),
        502 => OpenRouter(502, "Provider returned error", new JsonObject { ["provider_name"] = "Simulator", ["raw"] = "upstream connection error" }),
        503 => OpenRouter(503, "No instances available: the provider is overloaded. Please retry shortly."),
        _ => OpenRouter(500, "Internal Server Error"),
    };

    /// <summary><c>{"requestId","error","tag"}</c> as Exa sends it.</summary>
    public static JsonObject Exa(string requestId, string error, string tag) => new()
    {
        ["requestId"] = requestId,
        ["error"] = error,
        ["tag"] = tag,
    };

    /// <summary>The Exa body for a status-code fault kind.</summary>
    public static JsonObject ExaFault(int status, string requestId) => status switch
    {
        400 => Exa(requestId, "Invalid request body.", "INVALID_REQUEST_BODY"),
        401 => Exa(requestId, "Invalid API key", "INVALID_API_KEY"),
        402 => Exa(requestId, "You have run out of credits.", "NO_MORE_CREDITS"),
        403 => Exa(requestId, "Access denied for this request.", "ACCESS_DENIED"),
        429 => Exa(requestId, "Rate limit exceeded. Please slow down your requests.", "RATE_LIMIT_EXCEEDED"),
        502 => Exa(requestId, "Bad gateway.", "BAD_GATEWAY"),
        503 => Exa(requestId, "Service overloaded, please retry.", "SERVICE_OVERLOADED"),
        _ => Exa(requestId, "Internal server error.", "INTERNAL_ERROR"),
    };
}
