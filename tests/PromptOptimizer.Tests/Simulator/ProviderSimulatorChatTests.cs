using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class ProviderSimulatorChatTests
{
    [Fact]
    public async Task ChatCompletions_Flashcards_HasOpenRouterShape()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        var root = doc.RootElement;
        var id = root.GetProperty("id").GetString()!;
        Assert.Matches("^gen-[0-9]+-[A-Za-z0-9]+$", id);
        Assert.Equal(id, response.Headers.GetValues("X-Generation-Id").Single());
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.True(root.GetProperty("created").GetInt64() > 1_600_000_000);
        Assert.Equal("deepseek/deepseek-chat", root.GetProperty("model").GetString());
        Assert.Equal("Simulator", root.GetProperty("provider").GetString());
        var choice = root.GetProperty("choices")[0];
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("stop", choice.GetProperty("native_finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("refusal").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("reasoning").ValueKind);
        var usage = root.GetProperty("usage");
        var prompt = usage.GetProperty("prompt_tokens").GetInt32();
        var completion = usage.GetProperty("completion_tokens").GetInt32();
        Assert.True(prompt > 100 && completion > 100);
        Assert.Equal(prompt + completion, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.False(usage.GetProperty("is_byok").GetBoolean());
        Assert.Equal((prompt * 0.00000015m) + (completion * 0.0000006m), usage.GetProperty("cost").GetDecimal());
        Assert.Equal(usage.GetProperty("cost").GetDecimal(), usage.GetProperty("cost_details").GetProperty("upstream_inference_cost").GetDecimal());
    }

    [Fact]
    public async Task ChatCompletions_Flashcards_ExactCountValidDistinctCardsCitingGivenSources()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(count: 12));
        using var content = await SimHttp.ContentAsync(response);

        var cards = content.RootElement.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(12, cards.Count);
        var fronts = new HashSet<string>();
        for (var i = 0; i < cards.Count; i++)
        {
            var card = cards[i];
            var front = card.GetProperty("front").GetString()!;
            var back = card.GetProperty("back").GetString()!;
            Assert.True(fronts.Add(front), $"duplicate front {front}");
            Assert.InRange(front.Length, 10, 200);
            Assert.InRange(back.Length, 5, 500);
            Assert.NotEqual(front, back);
            Assert.Contains(card.GetProperty("difficulty").GetString(), new[] { "easy", "medium", "hard" });
            Assert.NotEmpty(card.GetProperty("tags").EnumerateArray());
            var ids = card.GetProperty("source_ids").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.InRange(ids.Count, 1, 2);
            Assert.All(ids, id => Assert.Contains(id, new[] { "S1", "S2" }));
            if (i % 4 == 3)
            {
                Assert.Equal("cloze", card.GetProperty("type").GetString());
                var text = card.GetProperty("text").GetString()!;
                var cloze = Regex.Match(text, @"\{\{c1::([^}]+)\}\}");
                Assert.True(cloze.Success, text);
                Assert.Equal(text.Replace(cloze.Value, "[...]", StringComparison.Ordinal), front);
            }
            else
            {
                Assert.Equal("basic", card.GetProperty("type").GetString());
                Assert.Equal(string.Empty, card.GetProperty("text").GetString());
            }
        }
    }

    [Fact]
    public async Task ChatCompletions_ManyCardsNoKeywordsNoSources_FrontsDistinctAndShort()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        var user = "<topic>\n{\"title\":\"Recursion\",\"keywords\":[]}\n</topic>\nWrite exactly 40 flashcards.";

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat("flashcards", user));
        using var content = await SimHttp.ContentAsync(response);

        var cards = content.RootElement.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(40, cards.Count);
        Assert.Equal(40, cards.Select(c => c.GetProperty("front").GetString()).Distinct().Count());
        Assert.All(cards, c => Assert.InRange(c.GetProperty("front").GetString()!.Length, 10, 200));
        Assert.All(cards, c => Assert.Empty(c.GetProperty("source_ids").EnumerateArray()));
    }

    [Fact]
    public async Task ChatCompletions_NoTopicBlock_TitleFallsBackToLastUserMessage()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        var user = "Explain the difference between TCP and UDP for a networking course, with examples of each protocol in use.";

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat("prompt_draft", user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var topic = Assert.Single(sim.GetStats().Topics).Key;
        Assert.StartsWith("Explain the difference between TCP and UDP", topic, StringComparison.Ordinal);
        Assert.True(topic.Length <= 60);
    }

    [Fact]
    public async Task ChatCompletions_SameRequestAndSeed_SameContent()
    {
        string first, second, otherSeed;
        await using (var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { Seed = 7 }, CancellationToken.None))
        {
            using var client = SimHttp.Client();
            first = await ContentStringAsync(client, sim);
            second = await ContentStringAsync(client, sim);
        }

        await using (var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { Seed = 8 }, CancellationToken.None))
        {
            using var client = SimHttp.Client();
            otherSeed = await ContentStringAsync(client, sim);
        }

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ChatCompletions_MissingKey_Returns401WithOpenRouterBody(string? key)
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(), key: key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(401, error.GetProperty("code").GetInt32());
        Assert.Equal("No auth credentials found", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("metadata").ValueKind);
    }

    [Fact]
    public async Task ChatCompletions_KeysNotRequired_AnswersWithoutKey()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { RequireKeys = false }, CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(), key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_WebPlugin_AnnotatesResultsAndCardsCiteTheirUrls()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        var body = SimHttp.Chat("flashcards", SimHttp.TopicBlock() + "\nWrite exactly 6 flashcards.", web: true, maxResults: 12);

        using var response = await SimHttp.PostChatAsync(client, sim, body);

        using var doc = await SimHttp.JsonAsync(response);
        var message = doc.RootElement.GetProperty("choices")[0].GetProperty("message");
        var citations = message.GetProperty("annotations").EnumerateArray()
            .Select(a =>
            {
                Assert.Equal("url_citation", a.GetProperty("type").GetString());
                return a.GetProperty("url_citation");
            })
            .ToList();
        Assert.Equal(12, citations.Count);
        Assert.All(citations, c =>
        {
            Assert.StartsWith("https://sim.example/sql-injection/", c.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Contains("\n\n...\n\n", c.GetProperty("content").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, c.GetProperty("start_index").GetInt32());
            Assert.Equal(0, c.GetProperty("end_index").GetInt32());
        });
        Assert.Single(citations, c => c.GetProperty("title").GetString() == string.Empty);
        var urls = citations.Select(c => c.GetProperty("url").GetString()).ToHashSet();
        using var content = JsonDocument.Parse(message.GetProperty("content").GetString()!);
        var cited = content.RootElement.GetProperty("cards").EnumerateArray()
            .SelectMany(c => c.GetProperty("source_ids").EnumerateArray().Select(e => e.GetString()))
            .ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, url => Assert.Contains(url, urls));

        // 12 results: the fee covers 10, two extra results cost 0.001 each.
        var usage = doc.RootElement.GetProperty("usage");
        var tokens = (usage.GetProperty("prompt_tokens").GetInt32() * 0.00000015m) + (usage.GetProperty("completion_tokens").GetInt32() * 0.0000006m);
        Assert.Equal(tokens + 0.007m + 0.002m, usage.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task ChatCompletions_PromptDraftRevisionsAndCritique_FollowConventions()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        var user = SimHttp.TopicBlock() + "\n" + SimHttp.SourcesBlock();

        var draft = await PromptAsync(client, sim, "prompt_draft", user);
        var firstCritique = await ScoresAsync(client, sim, draft);
        var revised = await PromptAsync(client, sim, "prompt_draft", user + "\n<previous_prompt>\n" + draft + "\n</previous_prompt>");
        var revisedAgain = await PromptAsync(client, sim, "prompt_draft", user + "\n<previous_prompt>\n" + revised + "\n</previous_prompt>");
        var secondCritique = await ScoresAsync(client, sim, revised);

        Assert.True(draft.Length >= 400, draft);
        Assert.Contains("\n\n", draft, StringComparison.Ordinal);
        Assert.Contains("S1", draft, StringComparison.Ordinal);
        Assert.Contains("S2", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("Revision:", draft, StringComparison.Ordinal);
        Assert.Contains("Revision: 1", revised, StringComparison.Ordinal);
        Assert.DoesNotContain("Revision: 2", revised, StringComparison.Ordinal);
        Assert.Contains("Revision: 2", revisedAgain, StringComparison.Ordinal);
        Assert.All(firstCritique, s => Assert.Equal(7, s));
        Assert.All(secondCritique, s => Assert.Equal(9, s));
        Assert.Equal(5, firstCritique.Count);
    }

    [Fact]
    public async Task ChatCompletions_UnknownSchema_AnswersProse()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat(null, SimHttp.TopicBlock()));

        using var doc = await SimHttp.JsonAsync(response);
        var content = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Contains(SimHttp.Title, content, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(content).Dispose());
    }

    [Theory]
    [InlineData("chat/completions")]
    [InlineData("v1/chat/completions")]
    public async Task ChatCompletions_AlternativePaths_Answer(string path)
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { RequireKeys = false }, CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await client.PostAsync(
            new Uri(sim.BaseUri, path),
            new StringContent(SimHttp.Flashcards().ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var content = await SimHttp.ContentAsync(response);
        Assert.Equal(8, content.RootElement.GetProperty("cards").GetArrayLength());
    }

    [Fact]
    public async Task ChatCompletions_BodyNotJson_Returns400()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions { RequireKeys = false }, CancellationToken.None);
        using var client = SimHttp.Client();

        using var response = await client.PostAsync(
            new Uri(sim.OpenRouterBaseUri + "/chat/completions"),
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = await SimHttp.JsonAsync(response);
        Assert.Equal(400, doc.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task KeyEndpoint_ReturnsSimKeyInfo()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();

        using var doc = JsonDocument.Parse(await client.GetStringAsync(sim.OpenRouterBaseUri + "/key"));

        var data = doc.RootElement.GetProperty("data");
        Assert.Equal("sim", data.GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("limit").ValueKind);
        Assert.False(data.GetProperty("is_free_tier").GetBoolean());
    }

    private static async Task<string> ContentStringAsync(HttpClient client, ProviderSimulator sim)
    {
        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        using var doc = await SimHttp.JsonAsync(response);
        return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    private static async Task<string> PromptAsync(HttpClient client, ProviderSimulator sim, string schema, string user)
    {
        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat(schema, user));
        using var content = await SimHttp.ContentAsync(response);
        return content.RootElement.GetProperty("system_prompt").GetString()!;
    }

    private static async Task<List<int>> ScoresAsync(HttpClient client, ProviderSimulator sim, string prompt)
    {
        var user = SimHttp.TopicBlock() + "\n<prompt_under_review>\n" + prompt + "\n</prompt_under_review>";
        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat("prompt_critique", user));
        using var content = await SimHttp.ContentAsync(response);
        Assert.NotEmpty(content.RootElement.GetProperty("weaknesses").EnumerateArray());
        return content.RootElement.GetProperty("scores").EnumerateObject().Select(p => p.Value.GetInt32()).ToList();
    }
}
