using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptOptimizer.Simulator;

/// <summary><c>POST /api/v1/chat/completions</c>: OpenRouter's chat completions with the web plugin.</summary>
internal sealed class ChatEndpoint(SimulatorCore core)
{
    private const string Flashcards = "flashcards";

    public Task HandleAsync(HttpContext context) => core.RunAsync(context, SimEndpoints.Chat, AnswerAsync);

    private async Task<RequestOutcome> AnswerAsync(HttpContext context, long arrival)
    {
        if (core.Options.RequireKeys && !SimulatorCore.HasBearer(context))
        {
            return await ErrorAsync(context, ErrorBodies.OpenRouter(401, "No auth credentials found"), 401).ConfigureAwait(false);
        }

        if (core.ChatLimiter is { } limiter && !limiter.TryAcquire(out var retryAfter))
        {
            return await ErrorAsync(context, ErrorBodies.OpenRouterFault(429, string.Empty), 429, retryAfter).ConfigureAwait(false);
        }

        core.Stats.Accept(SimEndpoints.Chat, arrival);
        var request = ChatRequestParser.TryParse(await SimulatorCore.ReadBodyAsync(context).ConfigureAwait(false), out var problem);
        if (request is null)
        {
            return await ErrorAsync(context, ErrorBodies.OpenRouter(400, problem), 400).ConfigureAwait(false);
        }

        core.Stats.ChatArrived(request.SchemaName, request.WebPlugin);
        await core.DelayAsync(context).ConfigureAwait(false);

        var kind = core.ChooseKind(SimEndpoints.Chat, request.SchemaName, request.TopicTitle);
        var id = NewId();
        context.Response.Headers["X-Generation-Id"] = id;
        if (await core.TransportFaultAsync(context, kind, status => ErrorBodies.OpenRouterFault(status, request.Model)).ConfigureAwait(false) is { } fault)
        {
            return fault;
        }

        var (body, cost) = Complete(request, id, kind);
        await SimulatorCore.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return new RequestOutcome(200, cost);
    }

    /// <summary>A new generation id, <c>gen-&lt;unix seconds&gt;-&lt;token&gt;</c>.</summary>
    public string NewId() =>
        "gen-" + core.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "-" + core.Random.NextToken(20);

    /// <summary>
    /// The HTTP 200 answer to a parsed request under a non-transport <paramref name="kind"/> (null for a normal one),
    /// and its cost; counts a stopped answer for its topic. A synchronous call and a request inside a batch both come
    /// here, the batch at its discounted <paramref name="priceFactor"/>.
    /// </summary>
    public (JsonObject Body, decimal Cost) Complete(ChatRequest request, string id, string? kind, decimal priceFactor = 1m)
    {
        var webResults = request.WebPlugin
            ? SearchResultFactory.Create(request.TopicTitle, request.WebMaxResults, core.Options.Seed)
            : [];
        var answer = Answer(request, webResults, kind);
        var (body, cost) = ChatResponseBuilder.Build(
            id, core.Time.GetUtcNow().ToUnixTimeSeconds(), request, answer, core.Options, webResults.Count, priceFactor);
        if (answer.FinishReason == "stop")
        {
            core.Stats.ChatAnswered(
                request.TopicTitle, request.SchemaName, answer.WellFormed && answer.Content is not null, request.WebPlugin);
        }

        return (body, cost);
    }

    private ChatAnswer Answer(ChatRequest request, IReadOnlyList<SimSearchResult> webResults, string? kind)
    {
        var citable = request.WebPlugin
            ? webResults.Select(r => new SourceExcerpt(r.Url, r.Url, r.Title, r.Text)).ToList()
            : request.Sources;
        var annotations = request.WebPlugin ? Annotations(webResults) : null;
        var seed = core.Options.Seed;
        string content = request.SchemaName switch
        {
            Flashcards => FlashcardFactory.Create(request, citable, seed, kind).ToJsonString(),
            "prompt_draft" => PromptFactory.Draft(request, citable).ToJsonString(),
            "prompt_critique" => PromptFactory.Critique(request, kind == SimKinds.LowScore).ToJsonString(),
            _ => PromptFactory.Prose(request),
        };
        var cardsBroken = request.SchemaName == Flashcards && kind is not null && SimKinds.CardLevel.Contains(kind);
        var normal = new ChatAnswer { Content = content, Annotations = annotations, WellFormed = !cardsBroken };

        return kind switch
        {
            SimKinds.BadJson => normal with
            {
                Content = "Sure! Here is what you asked for: {cards: [front: 'unquoted', oops",
                WellFormed = false,
            },
            SimKinds.Truncated => normal with
            {
                Content = content[..(content.Length / 2)],
                FinishReason = "length",
                CompletionTokens = request.MaxTokens ?? SimText.Tokens(content.Length / 2),
                WellFormed = false,
            },
            SimKinds.Schema => normal with { Content = "{\"items\":[]}", WellFormed = false },
            SimKinds.Fenced => normal with { Content = "```json\n" + content + "\n```" },
            SimKinds.Refusal => normal with
            {
                Content = null,
                Refusal = "I'm sorry, but I can't help with that request.",
                WellFormed = false,
            },
            SimKinds.ContentFilter => normal with { Content = null, FinishReason = "content_filter", WellFormed = false },
            SimKinds.Error200 => normal with
            {
                Content = string.Empty,
                FinishReason = "error",
                CompletionTokens = 0,
                WellFormed = false,
                Error = new JsonObject
                {
                    ["code"] = 502,
                    ["message"] = "Upstream provider became unavailable during generation.",
                    ["metadata"] = new JsonObject { ["error_type"] = "provider_unavailable", ["provider_code"] = "upstream_503" },
                },
            },
            _ => normal,
        };
    }

    private static JsonArray Annotations(IReadOnlyList<SimSearchResult> results)
    {
        var annotations = new JsonArray();
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];

            // One title comes back empty, as the Exa engine sometimes does.
            var title = i == Math.Min(1, results.Count - 1)
                ? string.Empty
                : result.Title ?? "Search result " + (i + 1).ToString(CultureInfo.InvariantCulture);
            annotations.Add((JsonNode)new JsonObject
            {
                ["type"] = "url_citation",
                ["url_citation"] = new JsonObject
                {
                    ["url"] = result.Url,
                    ["title"] = title,
                    ["content"] = string.Join("\n\n...\n\n", result.Highlights),
                    ["start_index"] = 0,
                    ["end_index"] = 0,
                },
            });
        }

        return annotations;
    }

    private static async Task<RequestOutcome> ErrorAsync(HttpContext context, JsonObject body, int status, int? retryAfter = null)
    {
        await SimulatorCore.WriteJsonAsync(context, status, body, retryAfter).ConfigureAwait(false);
        return new RequestOutcome(status);
    }
}
