using PromptOptimizer.LocalSources;

namespace PromptOptimizer.Tests.LocalSources;

/// <summary>Recall@5 on topic-to-page pairs labelled by hand for the sample library (the benchmark runs the large version).</summary>
public sealed class RetrievalQualityTests : IDisposable
{
    private static readonly (string Query, string Page)[] Labels =
    [
        ("sql injection parameterized queries", "web-security-week1.md#parameterized-queries"),
        ("blind sql injection time based", "web-security-week1.md#sql-injection"),
        ("shell command injection metacharacters", "web-security-week1.md#command-injection"),
        ("session fixation cookie HttpOnly Secure", "web-security-week2.md#session-management"),
        ("cross-site request forgery anti-CSRF token SameSite", "web-security-week2.md#cross-site-request-forgery"),
        ("stored reflected DOM XSS output encoding", "web-security-week2.md#cross-site-scripting"),
        ("TLS 1.3 handshake ClientHello ServerHello", "crypto-notes.md#tls-handshake"),
        ("forward secrecy ephemeral keys", "crypto-notes.md#forward-secrecy"),
        ("password storage argon2 bcrypt salt", "crypto-notes.md#password-hashing"),
        ("insecure direct object reference broken access control", "access-control.html#broken-access-control"),
        ("authorization deny by default server side", "access-control.html#deny-by-default"),
        ("JWT signature alg none claims expiry", "security-handbook.pdf#page=1"),
        ("multi-factor authentication TOTP passkeys phishing resistant", "security-handbook.pdf#page=2"),
        ("secrets management vault rotate leaked keys", "security-handbook.pdf#page=3"),
        ("Content-Security-Policy Strict-Transport-Security headers", "security-handbook.pdf#page=4"),
        ("server-side request forgery metadata endpoint", "security-handbook.pdf#page=5"),
    ];

    private readonly LibraryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Probe_LabelledSampleTopics_RightPageInTheTopFiveAndRelevant()
    {
        var (library, _) = await LocalLibrary.OpenAsync(SampleLibrary.RepositoryLibrary, _folder.State, new LocalSourceOptions(results: 5), CancellationToken.None);

        var misses = Labels.Where(l => !library.Probe(l.Query, TimeProvider.System).Hits.Any(h => h.Source == l.Page && h.Relevant)).ToList();

        Assert.True(misses.Count <= Labels.Length / 10, "missed: " + string.Join("; ", misses));
    }
}
