using System.Net;
using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Review;
using PromptOptimizer.Tests.Tracking.Postgres;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Tests.Review;

/// <summary>The review page over a PostgreSQL store whose workers ran on other machines: their cards are only in the store.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class ReviewPostgresTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Serve_PostgresStoreWithWorkerResults_ListsTheirCardsAndFollowsNewOnes()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var store = new PostgresCompletionStore(database.ConnectionString, TimeProvider.System);
        await store.InitializeAsync(default);
        await store.AdoptAsync(Completed("cat/remote.json", ReviewSite.Cloze("c1", "{{c1::Paris}} is the capital of {{c2::France}}.")), default);
        await using var site = new ReviewSite();
        await using var server = await ReviewServer.StartAsync(new ReviewOptions(site.OutputDir, site.StateDir, site.TopicsDir), store, TimeProvider.System, default);
        using var client = ReviewSite.Client(baseAddress: server.BaseUri);
        using (var login = await client.GetAsync(server.LoginUri))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        using (var tree = JsonDocument.Parse(await client.GetStringAsync("/api/tree?mode=flashcards")))
        {
            var topic = Assert.Single(tree.RootElement.GetProperty("categories")[0].GetProperty("topics").EnumerateArray());
            Assert.Equal("cat/remote.json", topic.GetProperty("path").GetString());
        }

        using (var topic = JsonDocument.Parse(await client.GetStringAsync("/api/topic?mode=flashcards&path=cat/remote.json")))
        {
            var sides = topic.RootElement.GetProperty("cards")[0].GetProperty("cards");
            Assert.Equal(["c1", "c2"], sides.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
            Assert.Equal("<span class=\"cloze\">[...]</span> is the capital of France.", sides[0].GetProperty("front_html").GetString());
            Assert.Equal("https://example.org/", topic.RootElement.GetProperty("cards")[0].GetProperty("sources")[0].GetProperty("url").GetString());
        }

        await store.AdoptAsync(Completed("cat/later.json", ReviewSite.Basic("c1", "Completed while serving?", "Yes")), default);
        await Poll.UntilAsync(
            async () => (await client.GetStringAsync("/api/search?mode=flashcards&q=" + Uri.EscapeDataString("while serving"))).Contains("cat/later.json", StringComparison.Ordinal),
            Deadline,
            "the card completed while serving");
    }

    /// <summary>A topic a worker on another machine completed: its file is there, the result is in the row.</summary>
    private static TopicCompletion Completed(string path, Flashcard card)
    {
        var document = new FlashcardDocument(new TopicReference(path, path, "hash-1"), "flashcards", "exa", "test/model", DateTimeOffset.UnixEpoch,
            [new SourceDocument("S1", "https://example.org/", "Source", null)], [card], UsageSummary.Zero, 1);
        return new TopicCompletion(path, OutputKind.Flashcards, "hash-1", "run-1", "worker-elsewhere", "/elsewhere/output/flashcards/" + path,
            DateTimeOffset.UtcNow, 1, 0, 0, 0m, JsonSerializer.Serialize(document, OutputJsonContext.Default.FlashcardDocument));
    }
}
