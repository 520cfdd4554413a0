namespace PromptOptimizer.Tests.LocalSources;

/// <summary>
/// The repository's sample library (<c>library/</c>) and the text of its PDF handbook, which this helper writes with
/// PdfPig's writer; <see cref="SampleLibraryTests"/> checks the committed PDF still holds exactly these pages.
/// </summary>
internal static class SampleLibrary
{
    public const string HandbookFile = "security-handbook.pdf";

    /// <summary>The handbook's pages, in order (page 1 first).</summary>
    public static IReadOnlyList<string> HandbookPages { get; } =
    [
        "Security handbook, page 1: JSON Web Tokens. A JWT carries signed claims in three base64url parts: header, payload and signature. " +
        "Verify the signature with an algorithm fixed by the server, never the alg named in the token header, so alg none and the RS256 to HS256 " +
        "confusion attack fail. Check the exp, nbf, iss and aud claims on every request. Keep access tokens short lived, because a JWT cannot be " +
        "revoked before it expires without a server side deny list.",
        "Security handbook, page 2: Multi-factor authentication. MFA combines something you know, something you have and something you are. " +
        "One-time codes from an authenticator app (TOTP) beat SMS codes, which SIM swapping and interception defeat. Phishing resistant factors " +
        "such as FIDO2 security keys and passkeys bind the login to the site origin, so a look-alike site cannot relay them. Limit and log " +
        "failed attempts, and protect account recovery as strongly as the login itself.",
        "Security handbook, page 3: Secrets management. Never commit API keys, passwords or private keys to source control; scan commits for " +
        "secrets and rotate any key that leaked, since the history keeps it. Store secrets in a vault or the platform's secret manager, grant " +
        "each service only the secrets it needs, prefer short lived dynamic credentials, and keep secrets out of logs, error messages and " +
        "container images.",
        "Security handbook, page 4: HTTP security headers. Strict-Transport-Security makes browsers use HTTPS only. Content-Security-Policy " +
        "limits where scripts, styles and frames may load from; a strict policy with nonces blocks most cross-site scripting. " +
        "X-Content-Type-Options nosniff stops MIME sniffing, frame-ancestors in the policy (or X-Frame-Options) stops clickjacking, and " +
        "Referrer-Policy limits what leaks in the Referer header.",
        "Security handbook, page 5: Server-side request forgery. SSRF makes the server fetch a URL the attacker chose, reaching internal " +
        "services and cloud metadata endpoints such as 169.254.169.254 that hold credentials. Allow-list the hosts the server may fetch, " +
        "resolve the name once and check the address is not private, block redirects to other hosts, and require session tokens for the " +
        "metadata service (IMDSv2).",
    ];

    /// <summary>The repository's <c>library/</c> folder.</summary>
    public static string RepositoryLibrary => Path.Combine(Path.GetDirectoryName(Cli.CliHarness.RepositoryTopics)!, "library");

    /// <summary>A PDF with one page per text, lines wrapped to fit an A4 page (the benchmark corpus's writer).</summary>
    public static byte[] WritePdf(IReadOnlyList<string> pages) => PromptOptimizer.Bench.LocalCorpus.Pdf(pages);

    /// <summary>Text as the library reads it from a PDF page: its words joined by single spaces.</summary>
    public static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Copies the sample library into a fresh folder under <paramref name="root"/> (tests change their copy).</summary>
    public static string CopyTo(string root)
    {
        var target = Path.Combine(root, "library-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(RepositoryLibrary))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}
