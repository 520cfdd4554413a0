using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class ProviderSimulatorScriptTests
{
    [Fact]
    public async Task AddScript_TimesRespected_ThenNormal()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript("503", 2));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(0, sim.PendingScripts);
    }

    [Fact]
    public async Task AddScript_SchemaAndTopicFilters_OnlyMatchingRequestsAffected()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript("500", 1, SchemaName: "flashcards", TopicContains: "xss"));

        using var otherTopic = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(title: "SQL injection"));
        using var otherSchema = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat("prompt_draft", SimHttp.TopicBlock("Stored XSS")));
        using var search = await SimHttp.PostSearchAsync(client, sim, SimHttp.Search("stored xss"));
        using var matching = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(title: "Stored XSS"));

        Assert.Equal(HttpStatusCode.OK, otherTopic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherSchema.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, matching.StatusCode);
    }

    [Fact]
    public async Task AddScript_TakesPrecedenceOverRateFaults()
    {
        await using var sim = await ProviderSimulator.StartAsync(
            new SimulatorOptions { Faults = FaultSpec.Parse("500=1") }, CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript("fenced", 1));

        using var first = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());
        using var second = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var doc = await SimHttp.JsonAsync(first);
        var content = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.StartsWith("```json\n", content, StringComparison.Ordinal);
        Assert.EndsWith("\n```", content, StringComparison.Ordinal);
        using var inner = JsonDocument.Parse(content[8..^4]);
        Assert.Equal(8, inner.RootElement.GetProperty("cards").GetArrayLength());
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
    }

    [Fact]
    public async Task AddScript_LowScore_CritiqueAllFours()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript("low-score", 1));
        var user = SimHttp.TopicBlock() + "\n<prompt_under_review>\nYou are a tutor.\nRevision: 1\n</prompt_under_review>";

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat("prompt_critique", user));
        using var content = await SimHttp.ContentAsync(response);

        var scores = content.RootElement.GetProperty("scores").EnumerateObject().Select(p => p.Value.GetInt32()).ToList();
        Assert.Equal([4, 4, 4, 4, 4], scores);
    }

    [Theory]
    [InlineData("refusal", "stop")]
    [InlineData("content-filter", "content_filter")]
    public async Task AddScript_RefusalOrFilter_NullContent(string kind, string finish)
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript(kind, 1));

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards());

        using var doc = await SimHttp.JsonAsync(response);
        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal(finish, choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal(kind == "refusal", message.GetProperty("refusal").ValueKind == JsonValueKind.String);
    }

    [Theory]
    [InlineData("bad-citation")]
    [InlineData("long-front")]
    [InlineData("long-back")]
    [InlineData("empty-field")]
    [InlineData("same-front-back")]
    [InlineData("bad-cloze")]
    [InlineData("few-cards")]
    [InlineData("duplicates")]
    public async Task AddScript_CardLevelKind_BreaksEveryCard(string kind)
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript(kind, 1));

        // A card-level script waits for a flashcards request.
        using var draft = await SimHttp.PostChatAsync(client, sim, SimHttp.Chat("prompt_draft", SimHttp.TopicBlock()));
        Assert.Equal(1, sim.PendingScripts);
        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(count: 8));
        using var content = await SimHttp.ContentAsync(response);

        var cards = content.RootElement.GetProperty("cards").EnumerateArray().ToList();
        string Field(JsonElement card, string name) => card.GetProperty(name).GetString()!;
        switch (kind)
        {
            case "bad-citation":
                Assert.All(cards, c => Assert.Equal(["S99"], c.GetProperty("source_ids").EnumerateArray().Select(e => e.GetString())));
                break;
            case "long-front":
                Assert.All(cards, c => Assert.True(Field(c, "front").Length > 200));
                break;
            case "long-back":
                Assert.All(cards, c => Assert.True(Field(c, "back").Length > 500));
                break;
            case "empty-field":
                Assert.All(cards, c => Assert.Equal(string.Empty, Field(c, "back")));
                break;
            case "same-front-back":
                Assert.All(cards, c => Assert.Equal(Field(c, "front"), Field(c, "back")));
                break;
            case "bad-cloze":
                Assert.All(cards, c =>
                {
                    Assert.Equal("cloze", Field(c, "type"));
                    Assert.DoesNotMatch(@"\{\{c1::[^}]+\}\}", Field(c, "text"));
                });
                break;
            case "few-cards":
                Assert.Equal(4, cards.Count);
                break;
            case "duplicates":
                Assert.Equal(8, cards.Count);
                Assert.Single(cards.Select(c => Field(c, "front")).Distinct());
                break;
        }

        if (kind != "few-cards")
        {
            Assert.Equal(8, cards.Count);
        }
    }

    [Fact]
    public async Task AddScript_BadCitationWithWebPlugin_CitesUnretrievedUrl()
    {
        await using var sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        using var client = SimHttp.Client();
        sim.AddScript(new SimScript("bad-citation", 1));

        using var response = await SimHttp.PostChatAsync(client, sim, SimHttp.Flashcards(sources: false, web: true));
        using var content = await SimHttp.ContentAsync(response);

        var cited = content.RootElement.GetProperty("cards").EnumerateArray()
            .SelectMany(c => c.GetProperty("source_ids").EnumerateArray().Select(e => e.GetString())).Distinct();
        Assert.Equal(["https://not-retrieved.example/x"], cited);
    }

    [Fact]
    public void SimScript_InvalidArguments_ThrowNamingTheProperty()
    {
        Assert.Equal("Kind", Assert.Throws<ArgumentException>(() => new SimScript("explode", 1)).ParamName);
        Assert.Equal("Times", Assert.Throws<ArgumentException>(() => new SimScript("500", 0)).ParamName);
        Assert.Equal("Endpoint", Assert.Throws<ArgumentException>(() => new SimScript("500", 1, Endpoint: "exa")).ParamName);
        Assert.Matches(new Regex("^timeout$"), new SimScript("timeout", 1).Kind);
    }
}
