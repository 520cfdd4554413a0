using System.Text.Json;
using Microsoft.Playwright;
using PromptOptimizer.Output;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Review;

/// <summary>
/// The review page in a real browser (Debian's Chromium through Playwright): the token gate, hostile cards, a keyboard
/// review session across a server restart and the export it feeds, the runs page following a run, and retrying a failure.
/// Set <c>PO_REVIEW_SCREENSHOTS</c> to a folder to save the three pages' screenshots there (docs/ holds the latest).
/// </summary>
[Collection(ProcessHeavyGroup.Name)]
public sealed class ReviewBrowserTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Page_WithoutToken_Is403AndShowsNoCard()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var site = new ReviewSite();
        site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Secret question?", "Secret answer")]);
        await site.StartAsync();
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(new Uri(site.BaseUri, "/cards").ToString());

        Assert.Equal(403, response!.Status);
        Assert.DoesNotContain("Secret", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task HostileCards_ShowAsText_AndRunNothing()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var site = new ReviewSite();
        site.WriteFlashcards("cat", "evil", [
            ReviewSite.Basic("c1", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>"),
            ReviewSite.Cloze("c2", "Break {{c1::<img src=x onerror=alert(1)>}} out", "<script>alert(1)</script>"),
        ], title: "<img src=x onerror=alert(1)> title");
        await site.StartAsync();
        var page = await browser.NewPageAsync();

        await OpenAsync(page, site, "/cards");

        var cards = page.Locator("#cards");
        await Assertions.Expect(cards).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Assertions.Expect(cards).ToContainTextAsync("<script>alert(1)</script>");
        await Assertions.Expect(page.Locator("#heading")).ToContainTextAsync("<img src=x onerror=alert(1)> title");
        await Assertions.Expect(page.Locator(".sources").First).ToContainTextAsync("An excerpt <script>alert(2)</script>");
        Assert.Equal(0, await page.Locator("main img, main script, .sources b").CountAsync());
        Assert.Empty(browser.Dialogs);
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task KeyboardReview_SurvivesRestart_AndExportHoldsExactlyAcceptedAndEdited()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var site = new ReviewSite();
        site.WriteFlashcards("cat", "a", [
            ReviewSite.Basic("c1", "Capital of France?", "Paris"),
            ReviewSite.Basic("c2", "Capital of Italy?", "Rome"),
            ReviewSite.Basic("c3", "Capital of Spain?", "Madird"),
            ReviewSite.Basic("c4", "Capital of Peru?", "Lima"),
            ReviewSite.Cloze("c5", "{{c1::Bern}} is the capital of Switzerland."),
        ], title: "Capitals");
        await site.StartAsync();
        var page = await browser.NewPageAsync();
        await OpenAsync(page, site, "/cards");

        await page.Keyboard.PressAsync("a");
        await ExpectStatusAsync(page, "c1", "accepted");
        await page.Keyboard.PressAsync("x");
        await ExpectStatusAsync(page, "c2", "rejected");
        await page.Keyboard.PressAsync("e");
        await page.Locator(".edit-back").FillAsync("Madrid");
        await page.Locator(".edit-back").PressAsync("Enter");
        await ExpectStatusAsync(page, "c3", "accepted");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("e");
        await page.Locator(".edit-front").FillAsync("Never saved");
        await page.Locator(".edit-front").PressAsync("Escape");
        await page.Keyboard.PressAsync("a");
        await ExpectStatusAsync(page, "c4", "accepted");
        await page.Keyboard.PressAsync("u");
        await ExpectStatusAsync(page, "c4", "unreviewed");
        await Assertions.Expect(page.Locator("#topic-counts")).ToHaveTextAsync("3/5 reviewed · 2 accepted · 1 rejected");
        await ScreenshotAsync(page, "review-cards.png");

        await site.RestartAsync();
        await OpenAsync(page, site, "/cards#flashcards/cat%2Fa.json/4");

        await ExpectStatusAsync(page, "c1", "accepted");
        await ExpectStatusAsync(page, "c2", "rejected");
        await ExpectStatusAsync(page, "c3", "accepted");
        await Assertions.Expect(Card(page, "c3")).ToContainTextAsync("Madrid");
        await ExpectStatusAsync(page, "c4", "unreviewed");
        await page.Keyboard.PressAsync("a");
        await ExpectStatusAsync(page, "c5", "accepted");
        Assert.Empty(browser.Errors);

        var exported = Path.Combine(site.Root, "reviewed.jsonl");
        using var cli = new CliHarness();
        var exit = await cli.RunRawAsync("export", "--format", "jsonl", "--out", exported, "--reviewed", "accepted", "--output-dir", site.OutputDir, "--state-dir", site.StateDir);

        Assert.Equal(0, exit);
        Assert.Contains("3 cards (2 left out, 2 by review)", cli.Output, StringComparison.Ordinal);
        var cards = File.ReadAllLines(exported).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("card"))
            .Select(c => (c.GetProperty("id").GetString(), c.GetProperty("front").GetString(), c.GetProperty("back").GetString())).ToList();
        Assert.Equal([("c1", "Capital of France?", "Paris"), ("c3", "Capital of Spain?", "Madrid"), ("c5", "", "")], cards);
    }

    [SkippableFact]
    public async Task RunsPage_WhileASimulatedRunWrites_Advances()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var site = new ReviewSite();
        var topics = TopicFiles.Create(site.Root, count: 16, categories: 2, cardCount: 3);
        await site.StartAsync();
        var page = await browser.NewPageAsync();
        await OpenAsync(page, site, "/");

        using var run = CliProcess.Start(
            ["--flashcards", "--provider", "sim", "--sim-latency", "150", "--concurrent", "2", "--plain", "--force",
             "--topics-dir", topics, "--output-dir", site.OutputDir, "--state-dir", site.StateDir],
            new Dictionary<string, string>());
        var completed = page.Locator("#modes tbody tr:first-child td:nth-child(2)");
        var seen = new HashSet<int>();
        await Poll.UntilAsync(async () =>
        {
            if (await completed.CountAsync() > 0 && int.TryParse(await completed.TextContentAsync(), out var value))
            {
                seen.Add(value);
            }

            return seen.Count(v => v is > 0 and < 16) >= 2 || (seen.Contains(16) && seen.Count(v => v < 16) >= 2);
        }, Deadline, "the runs page showing the completed count rise during the run");
        Assert.Equal(0, await run.WaitForExitAsync(Deadline));
        await Assertions.Expect(completed).ToHaveTextAsync("16", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#throughput canvas")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "review-runs.png");
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task FailuresPage_Retry_PutsTheTopicBackToPending()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var site = new ReviewSite();
        await site.StartAsync();
        var store = site.Store;
        await store.ClaimAsync(new TopicClaim("cat/broken.json", OutputKind.Flashcards, "h1", "run-1", "w1", DateTimeOffset.UtcNow, null), default);
        await store.FailAsync(new TopicFailure("cat/broken.json", OutputKind.Flashcards, "h1", "run-1", "w1", "Validation", "card 3 cites <b>S9</b>, which is not a source", DateTimeOffset.UtcNow, 900, 0, 0, 0), default);
        await store.FlushAsync(default);
        var page = await browser.NewPageAsync();
        await OpenAsync(page, site, "/failures");

        await Assertions.Expect(page.Locator("#failures")).ToContainTextAsync("card 3 cites <b>S9</b>, which is not a source");
        await ScreenshotAsync(page, "review-failures.png");
        await page.Locator("button[data-topic='cat/broken.json']").ClickAsync();

        await Assertions.Expect(page.Locator("#failures")).ToContainTextAsync("No failed topics.");
        var row = (await store.GetAsync(OutputKind.Flashcards, ["cat/broken.json"], default))["cat/broken.json"];
        Assert.Equal(TopicStatus.Pending, row.Status);
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task SearchBox_BroadAndNarrowQueries_ShowCappedTotalAndPageOn()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var site = new ReviewSite();
        for (var t = 0; t < 11; t++)
        {
            var cards = Enumerable.Range(0, 100).Select(c => ReviewSite.Basic($"c{c}", $"Why a partition in topic{t}, card {c}?", "Because.")).ToList();
            site.WriteFlashcards("cat", $"t{t}", cards);
        }

        await site.StartAsync();
        var page = await browser.NewPageAsync();
        await OpenAsync(page, site, "/cards");

        await SearchTwoPagesAsync(page, "partition", "1,000+");
        await Assertions.Expect(page.Locator("#more")).ToBeVisibleAsync();
        await SearchTwoPagesAsync(page, "partition topic7", "100");
        await Assertions.Expect(page.Locator("#more")).ToBeHiddenAsync();
        Assert.Empty(browser.Errors);
    }

    /// <summary>Searches, checks the heading's total, then asks for a second page of 50.</summary>
    private static async Task SearchTwoPagesAsync(IPage page, string query, string total)
    {
        await page.Locator("#search").FillAsync(query);
        await page.Locator("#search").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#heading")).ToHaveTextAsync($"Search “{query}”: {total} cards");
        await Assertions.Expect(page.Locator(".cardrow")).ToHaveCountAsync(50);
        await page.Locator("#more").ClickAsync();
        await Assertions.Expect(page.Locator(".cardrow")).ToHaveCountAsync(100);
    }

    private static ILocator Card(IPage page, string id) => page.Locator($".cardrow[data-card-id='{id}']");

    private static Task ExpectStatusAsync(IPage page, string id, string status) =>
        Assertions.Expect(Card(page, id)).ToHaveAttributeAsync("data-status", status);

    /// <summary>Signs in with the printed address, then opens the page and waits until its script has loaded the data.</summary>
    private static async Task OpenAsync(IPage page, ReviewSite site, string path)
    {
        var login = await page.GotoAsync(site.LoginUri.ToString());
        Assert.Equal(200, login!.Status);
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await page.GotoAsync(new Uri(site.BaseUri, path).ToString());
        if (path != "/")
        {
            await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        }
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PO_REVIEW_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}
