using System.Net;
using System.Text.RegularExpressions;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Review;

/// <summary><c>prompt-optimizer serve</c> as a user runs it: one line with the address, the token gate, a clean stop on a signal.</summary>
public sealed partial class ServeCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(15)]
    [InlineData(2)]
    public async Task Serve_PrintsTheReviewLine_ServesWithTheToken_AndExitsZeroOnSignal(int signal)
    {
        await using var site = new ReviewSite();
        site.WriteFlashcards("cat", "a", [ReviewSite.Basic("c1", "Capital of France?", "Paris")]);
        using var serve = CliProcess.Start(
            ["serve", "--state-dir", site.StateDir, "--output-dir", site.OutputDir, "--topics-dir", site.TopicsDir],
            new Dictionary<string, string>());

        await Poll.UntilAsync(() => ReviewLine().IsMatch(serve.Output) || serve.HasExited, Deadline, "the review line");
        var match = ReviewLine().Match(serve.Output);
        Assert.True(match.Success, serve.Output);
        var login = new Uri(match.Value["Review page: ".Length..].Trim());
        using var client = ReviewSite.Client();
        using (var anonymous = await client.GetAsync(new Uri(login, "/api/runs")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        }

        using (var signedIn = await client.GetAsync(login))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        Assert.Contains("\"cards\":1", await client.GetStringAsync(new Uri(login, "/api/tree")), StringComparison.Ordinal);
        serve.Signal(signal);

        Assert.Equal(0, await serve.WaitForExitAsync(Deadline));
        Assert.DoesNotContain("Interrupt", serve.Output, StringComparison.Ordinal);
        Assert.EndsWith("Review page stopped.", serve.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_HostNotAnAddress_IsAUsageError()
    {
        await using var site = new ReviewSite();
        using var cli = new CliHarness();
        var exit = cli.RunRawAsync("serve", "--state-dir", site.StateDir, "--output-dir", site.OutputDir, "--host", "not-an-address");

        Assert.Equal(2, await exit);
        Assert.Contains("--host must be an IP address or localhost", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^Review page: http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{40,}\r?$", RegexOptions.Multiline)]
    private static partial Regex ReviewLine();
}
