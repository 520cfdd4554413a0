using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

/// <summary>Builds requests in the lead pipeline's conventions and posts them to a running simulator.</summary>
internal static class SimHttp
{
    public const string Title = "SQL injection";

    public static HttpClient Client(TimeSpan? timeout = null) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    public static string TopicBlock(string title = Title) =>
        "<topic>\n" + new JsonObject
        {
            ["title"] = title,
            ["description"] = "How attackers abuse string-built queries.",
            ["keywords"] = new JsonArray("parameterized queries", "input validation", "least privilege"),
            ["audience"] = null,
            ["difficulty"] = null,
        }.ToJsonString() + "\n</topic>";

    public static string SourcesBlock() =>
        "<sources>\n" +
        "<source id=\"S1\" url=\"https://owasp.example/sqli\" title=\"OWASP SQLi\" published=\"2024-01-02\">\n" +
        "Parameterized queries keep data separate from SQL code. Attackers inject &quot;' OR 1=1 --&quot; into string-built queries.\n</source>\n" +
        "<source id=\"S2\" url=\"https://docs.example/prepared\" title=\"Prepared statements\" published=\"2023-05-06\">\n" +
        "Prepared statements are compiled once &amp; bound with values. Least privilege limits the damage of a successful injection.\n</source>\n" +
        "</sources>";

    public static JsonObject Chat(string? schema, string user, bool web = false, int? maxResults = null)
    {
        var body = new JsonObject
        {
            ["model"] = "deepseek/deepseek-chat",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You write study material. Data comes in <topic> and <sources> blocks." },
                new JsonObject { ["role"] = "user", ["content"] = user }),
            ["max_tokens"] = 4000,
            ["temperature"] = 0.2,
        };
        if (schema is not null)
        {
            body["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = schema, ["strict"] = true, ["schema"] = new JsonObject() },
            };
        }

        if (web)
        {
            var plugin = new JsonObject { ["id"] = "web", ["engine"] = "exa" };
            if (maxResults is not null)
            {
                plugin["max_results"] = maxResults;
            }

            body["plugins"] = new JsonArray(plugin);
        }

        return body;
    }

    public static JsonObject Flashcards(int count = 8, string title = Title, bool sources = true, bool web = false) =>
        Chat("flashcards", $"{TopicBlock(title)}\n{(sources ? SourcesBlock() : string.Empty)}\nWrite exactly {count} flashcards about the topic.", web);

    public static async Task<HttpResponseMessage> PostChatAsync(HttpClient client, ProviderSimulator sim, JsonObject body, string? key = "sk-test")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sim.OpenRouterBaseUri + "/chat/completions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostSearchAsync(HttpClient client, ProviderSimulator sim, JsonObject body, string? key = "exa-test")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sim.ExaBaseUri + "search")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return await client.SendAsync(request);
    }

    public static JsonObject Search(string query = "SQL injection prevention", int? numResults = 5, bool text = true)
    {
        var body = new JsonObject { ["query"] = query, ["type"] = "auto" };
        if (numResults is not null)
        {
            body["numResults"] = numResults;
        }

        if (text)
        {
            body["contents"] = new JsonObject
            {
                ["text"] = new JsonObject { ["maxCharacters"] = 2000 },
                ["highlights"] = new JsonObject { ["maxCharacters"] = 500 },
            };
        }

        return body;
    }

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>choices[0].message.content parsed as JSON.</summary>
    public static async Task<JsonDocument> ContentAsync(HttpResponseMessage response)
    {
        using var body = await JsonAsync(response);
        var content = body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        return JsonDocument.Parse(content!);
    }
}
