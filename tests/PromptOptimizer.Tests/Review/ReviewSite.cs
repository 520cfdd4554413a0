using System.Net;
using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Review;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Review;

/// <summary>A temporary output and state directory with a real SQLite store and the review server over them, restartable.</summary>
internal sealed class ReviewSite : IAsyncDisposable
{
    private SqliteCompletionStore? _store;

    public ReviewSite()
    {
        Root = Path.Combine(Path.GetTempPath(), "po-review-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(OutputDir);
        Directory.CreateDirectory(StateDir);
    }

    public string Root { get; }

    public string OutputDir => Path.Combine(Root, "output");

    public string StateDir => Path.Combine(Root, "state");

    public string TopicsDir => Path.Combine(Root, "topics");

    public ReviewServer? Server { get; private set; }

    public SqliteCompletionStore Store => _store ?? throw new InvalidOperationException("Start the site first.");

    public Uri BaseUri => Server!.BaseUri;

    public Uri LoginUri => Server!.LoginUri;

    public static Flashcard Basic(string id, string front, string back) => new(id, "basic", front, back, null, [], "easy", ["S1"]);

    public static Flashcard Cloze(string id, string text, string back = "") => new(id, "cloze", "", back, text, [], "easy", ["S1"]);

    /// <summary>Writes an output file as the pipeline does, with one source of the given address.</summary>
    public void WriteFlashcards(string category, string name, IReadOnlyList<Flashcard> cards, string hash = "hash-1", string title = "", string sourceUrl = "https://example.org/a?x=1&y=2")
    {
        var document = new FlashcardDocument(
            new TopicReference(category + "/" + name + ".json", title.Length > 0 ? title : name, hash), "flashcards", "exa", "test/model",
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            [new SourceDocument("S1", sourceUrl, "Source <b>one</b>", null) { Excerpt = "An excerpt <script>alert(2)</script>" }],
            cards, UsageSummary.Zero, 1);
        var directory = Path.Combine(OutputDir, "flashcards", category);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, name + ".json"), JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.FlashcardDocument));
    }

    public async Task<ReviewSite> StartAsync(string? token = null)
    {
        _store ??= new SqliteCompletionStore(SqliteCompletionStore.PathFor(StateDir), TimeProvider.System);
        await _store.InitializeAsync(default);
        Server = await ReviewServer.StartAsync(new ReviewOptions(OutputDir, StateDir, TopicsDir) { Token = token }, _store, TimeProvider.System, default);
        return this;
    }

    /// <summary>Stops the server and closes the store, then opens both again on the same directories (a new token).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null;
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so each step can be checked.</summary>
    public static HttpClient Client(CookieContainer? cookies = null, Uri? baseAddress = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = baseAddress };

    /// <summary>A client already holding the session cookie.</summary>
    public async Task<HttpClient> LoggedInClientAsync()
    {
        var client = Client(baseAddress: BaseUri);
        using var response = await client.GetAsync(LoginUri);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A browser may still hold a file for a moment; the temp folder is cleaned up by the system.
        }
    }
}
