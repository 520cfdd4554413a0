using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PromptOptimizer.Review;

namespace PromptOptimizer.Tests.Review;

/// <summary>The review server's security over plain HTTP on loopback: token, cookie, headers, Host check, anti-forgery, paths.</summary>
public sealed class ReviewHttpTests
{
    [Fact]
    public async Task AnyPath_WithoutToken_Is403WithNoData()
    {
        await using var site = await NewSiteAsync();
        using var client = ReviewSite.Client();

        foreach (var path in new[] { "/", "/cards", "/api/runs", "/api/tree", "/api/session", "/api/topic?mode=flashcards&path=cat/a.json", "/assets/cards.js" })
        {
            using var response = await client.GetAsync(new Uri(site.BaseUri, path));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Paris", body, StringComparison.Ordinal);
            Assert.DoesNotContain("csrf", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TokenAddress_SetsHttpOnlyStrictCookie_AndRedirectsWithoutTheToken()
    {
        await using var site = await NewSiteAsync();
        var cookies = new CookieContainer();
        using var client = ReviewSite.Client(cookies);

        using var response = await client.GetAsync(new Uri(site.BaseUri, "/cards?token=" + site.Server!.Token + "&x=1"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cards?x=1", response.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        using var page = await client.GetAsync(new Uri(site.BaseUri, "/cards"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task WrongToken_Is403AndSetsNoCookie()
    {
        await using var site = await NewSiteAsync();
        using var client = ReviewSite.Client();

        using var response = await client.GetAsync(new Uri(site.BaseUri, "/?token=guess"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheStrictHeaders()
    {
        await using var site = await NewSiteAsync();
        using var client = await site.LoggedInClientAsync();

        foreach (var path in new[] { "/", "/api/runs", "/assets/app.css", "/nothing" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1:1")]
    public async Task ForeignHostHeader_IsRefusedEvenWithTheCookie(string host)
    {
        await using var site = await NewSiteAsync();
        using var client = await site.LoggedInClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.DoesNotContain("modes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewPost_WithoutTheAntiForgeryHeader_Is403AndChangesNothing()
    {
        await using var site = await NewSiteAsync();
        using var client = await site.LoggedInClientAsync();

        using var forged = await client.PostAsync("/api/review", Json("""{"mode":"flashcards","topic":"cat/a.json","card":"c1","decision":"accepted"}"""));
        using var wrong = await PostAsync(client, "/api/review", """{"mode":"flashcards","topic":"cat/a.json","card":"c1","decision":"accepted"}""", "not-it");
        using var foreignOrigin = await PostAsync(client, "/api/review", """{"mode":"flashcards","topic":"cat/a.json","card":"c1","decision":"accepted"}""", await CsrfAsync(client), "http://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignOrigin.StatusCode);
        Assert.Empty(await site.Store.GetReviewsAsync(PromptOptimizer.Output.OutputKind.Flashcards, null, default));
    }

    [Fact]
    public async Task ReviewPost_WithTheAntiForgeryHeader_IsRecorded()
    {
        await using var site = await NewSiteAsync();
        using var client = await site.LoggedInClientAsync();

        using var response = await PostAsync(client, "/api/review", """{"mode":"flashcards","topic":"cat/a.json","card":"c1","decision":"accepted"}""", await CsrfAsync(client), site.BaseUri.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = Assert.Single(await site.Store.GetReviewsAsync(PromptOptimizer.Output.OutputKind.Flashcards, null, default));
        Assert.Equal(("cat/a.json", "c1", "hash-1"), (review.TopicPath, review.CardId, review.ContentHash));
    }

    [Theory]
    [InlineData("/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/assets/%2Fetc%2Fpasswd")]
    [InlineData("/api/topic?mode=flashcards&path=..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/prompt?mode=prompts&path=%2Fetc%2Fpasswd")]
    [InlineData("/assets/runs.html")]
    public async Task PathsOutsideTheServedFiles_AreNotFound(string path)
    {
        await using var site = await NewSiteAsync();
        using var client = await site.LoggedInClientAsync();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceWithScriptAddress_HasNoLink()
    {
        await using var site = new ReviewSite();
        site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris")], sourceUrl: "javascript:alert(1)");
        await site.StartAsync();
        using var client = await site.LoggedInClientAsync();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/topic?mode=flashcards&path=cat/a.json"));

        var source = document.RootElement.GetProperty("cards")[0].GetProperty("sources")[0];
        Assert.Equal(JsonValueKind.Null, source.GetProperty("url").ValueKind);
        Assert.Equal("javascript:alert(1)", source.GetProperty("display_url").GetString());
    }

    private static async Task<ReviewSite> NewSiteAsync()
    {
        var site = new ReviewSite();
        site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris"), ReviewSite.Basic("c2", "Capital of Italy?", "Rome")]);
        return await site.StartAsync();
    }

    private static async Task<string> CsrfAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/session"));
        return document.RootElement.GetProperty("csrf").GetString()!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body, string csrf, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add(ReviewSecurity.CsrfHeader, csrf);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return client.SendAsync(request);
    }
}
