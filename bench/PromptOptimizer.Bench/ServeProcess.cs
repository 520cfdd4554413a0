using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PromptOptimizer.Bench;

/// <summary>
/// <c>prompt-optimizer serve</c> as a child process and an <see cref="HttpClient"/> logged in to it: the printed
/// address is opened once, the server answers with the token cookie and a redirect, and every later request carries
/// the cookie (and POSTs the page's anti-forgery header), as the browser would.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private const string Prefix = "Review page: ";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly HttpClient _http;
    private string? _csrf;

    private ServeProcess(Process process, Task<string> stderr, Stopwatch clock, Uri login)
    {
        _process = process;
        _stderr = stderr;
        Clock = clock;
        Login = login;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = true })
        {
            BaseAddress = new Uri(login.GetLeftPart(UriPartial.Authority)),
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>Started just before the process: the time since serve was launched.</summary>
    public Stopwatch Clock { get; }

    public Uri Login { get; }

    public static async Task<ServeProcess> StartAsync(string cli, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("serve");
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start serve");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartDeadline);
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                // Keep reading stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                var serve = new ServeProcess(process, stderr, clock, new Uri(line[Prefix.Length..].Trim()));
                var landing = await serve._http.GetAsync(serve.Login.PathAndQuery, cancellationToken);
                landing.EnsureSuccessStatusCode();
                return serve;
            }
        }

        throw new InvalidOperationException("serve exited without printing its address: " + await stderr);
    }

    public async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>One review keystroke: <c>POST /api/review</c>; true when answered 200.</summary>
    public async Task<bool> ReviewAsync(string topic, string card, string decision, CancellationToken cancellationToken)
    {
        _csrf ??= (string?)JsonNode.Parse(await GetAsync("/api/session", cancellationToken))?["csrf"] ?? throw new InvalidOperationException("no csrf");
        var body = new JsonObject { ["mode"] = "flashcards", ["topic"] = topic, ["card"] = card, ["decision"] = decision }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/review") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Review-Csrf", _csrf);
        using var response = await _http.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>VmHWM of the running server, in MB (0 when /proc cannot tell).</summary>
    public double PeakRssMb()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Sends SIGTERM, as a service manager or Ctrl+C would, and returns the exit code and what serve wrote to stderr.</summary>
    public async Task<(int ExitCode, string Stderr)> StopAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartDeadline);
        await _process.WaitForExitAsync(deadline.Token);
        return (_process.ExitCode, await _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await ChildProcess.EndAsync(_process);
    }
}
