using PromptOptimizer.LocalSources;
using PromptOptimizer.Providers;
using PromptOptimizer.Tests.Providers;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.LocalSources;

public sealed class LocalLibraryTests : IDisposable
{
    private readonly LibraryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static TopicDefinition Topic(string title, string query) =>
        new("c/" + TextSplitter.Slug(title) + ".json", "c", TextSplitter.Slug(title), title, null, [], null, null, 5, query, "hash-" + title);

    [Fact]
    public async Task ResearchAsync_RelevantTopic_SourcesNameFileAndHeadingOrPage()
    {
        var (library, _) = await LocalLibrary.OpenAsync(SampleLibrary.RepositoryLibrary, _folder.State, new LocalSourceOptions(results: 3), CancellationToken.None);

        var tls = await library.ResearchAsync(Topic("TLS handshake", "TLS 1.3 handshake key share certificate"), new RecordingObserver(), CancellationToken.None);
        var jwt = await library.ResearchAsync(Topic("JWT security", "JWT signature verification alg none claims"), new RecordingObserver(), CancellationToken.None);

        var first = tls.Value![0];
        Assert.Equal(("S1", "crypto-notes.md#tls-handshake", "crypto-notes.md › TLS handshake"), (first.Id, first.Url, first.Title));
        Assert.Contains("ClientHello", first.Excerpt, StringComparison.Ordinal);
        Assert.Equal(64, first.ContentHash!.Length);
        Assert.Equal(("security-handbook.pdf#page=1", "security-handbook.pdf, page 1"), (jwt.Value![0].Url, jwt.Value[0].Title));
        Assert.True(tls.Value.Count <= 3);
    }

    [Fact]
    public async Task ResearchAsync_LibraryOnAnUnrelatedSubject_FailsWithNoSources()
    {
        _folder.Write("bread.md", "# Sourdough\n\nThe key to a good crust is steam in the first twenty minutes of baking. A starter needs feeding twice a day.\n\n" +
            "## Shaping\n\nShape the dough with surface tension; the exchange of gases during proofing makes the crumb open.");
        _folder.Write("soup.md", "# Soups\n\nA stock simmers for hours. Salt at the end, when the liquid has reduced.\n\n## Certificates\n\nCooking school certificate courses teach knife skills.");
        _folder.Write("pasta.md", "# Pasta\n\nFresh pasta uses eggs and flour; dried pasta uses semolina and water. Cook it in well salted water.");
        var (library, _) = await LocalLibrary.OpenAsync(_folder.Library, _folder.State, new LocalSourceOptions(), CancellationToken.None);

        var result = await library.ResearchAsync(Topic("TLS handshake", "TLS 1.3 handshake key exchange certificate"), new RecordingObserver(), CancellationToken.None);

        // The search itself returns passages (key, exchange, certificate): only the score threshold calls them irrelevant.
        var index = await LocalIndex.OpenAsync(LocalIndex.PathFor(_folder.State, _folder.Library), CancellationToken.None);
        Assert.NotEmpty(index.Search("TLS 1.3 handshake key exchange certificate", 5));
        Assert.Equal(ErrorKind.NoSources, result.Error!.Kind);
        Assert.False(result.Error.IsTransient);
        Assert.Contains("no sources", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourcesIdentity_CitedPassageEdited_Changes_OtherFileEdited_DoesNot()
    {
        var copy = SampleLibrary.CopyTo(_folder.Root);
        var topic = Topic("Password hashing", "password hashing argon2 bcrypt salt");
        var (before, _) = await LocalLibrary.OpenAsync(copy, _folder.State, new LocalSourceOptions(), CancellationToken.None);
        var identity = before.SourcesIdentity(topic);

        var unrelated = Path.Combine(copy, "access-control.html");
        File.WriteAllText(unrelated, File.ReadAllText(unrelated).Replace("Deny by default", "Deny everything by default", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddMinutes(1));
        var (afterUnrelated, _) = await LocalLibrary.OpenAsync(copy, _folder.State, new LocalSourceOptions(), CancellationToken.None);
        var unrelatedIdentity = afterUnrelated.SourcesIdentity(topic);
        var cited = Path.Combine(copy, "crypto-notes.md");
        File.WriteAllText(cited, File.ReadAllText(cited).Replace("Argon2id, scrypt or bcrypt", "Argon2id or scrypt", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(cited, DateTime.UtcNow.AddMinutes(2));
        var (afterCited, _) = await LocalLibrary.OpenAsync(copy, _folder.State, new LocalSourceOptions(), CancellationToken.None);

        Assert.Equal(identity, unrelatedIdentity);
        Assert.NotEqual(identity, afterCited.SourcesIdentity(topic));
    }
}
