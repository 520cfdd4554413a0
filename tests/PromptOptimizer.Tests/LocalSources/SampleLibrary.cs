using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

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

    /// <summary>A PDF with one page per text, lines wrapped to fit an A4 page.</summary>
    public static byte[] WritePdf(IReadOnlyList<string> pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in Wrap(text, 85))
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }
        }

        return builder.Build();
    }

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

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
