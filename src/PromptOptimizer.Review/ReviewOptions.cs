using System.Net;

namespace PromptOptimizer.Review;

/// <summary>Where the review page reads from and where it listens. Validated at construction.</summary>
internal sealed record ReviewOptions
{
    /// <param name="outputDir">The run's output directory (cards, sources, prompts); nothing outside it is read for a request.</param>
    /// <param name="stateDir">The state directory, where the card index file is kept.</param>
    /// <param name="topicsDir">The topics directory, counted for what is still to do (may be missing).</param>
    /// <param name="host">The address to bind: an IP address or <c>localhost</c>.</param>
    /// <param name="port">0 picks a free port.</param>
    public ReviewOptions(string outputDir, string stateDir, string topicsDir, string host = "127.0.0.1", int port = 0)
    {
        if (string.IsNullOrWhiteSpace(outputDir))
        {
            throw new ArgumentException("The output directory is empty.", nameof(outputDir));
        }

        if (string.IsNullOrWhiteSpace(stateDir))
        {
            throw new ArgumentException("The state directory is empty.", nameof(stateDir));
        }

        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port must be between 0 and 65535, not {port}.", nameof(port));
        }

        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            throw new ArgumentException($"--host must be an IP address or localhost, not '{host}'.", nameof(host));
        }

        OutputDir = Path.GetFullPath(outputDir);
        StateDir = Path.GetFullPath(stateDir);
        TopicsDir = Path.GetFullPath(string.IsNullOrWhiteSpace(topicsDir) ? "topics" : topicsDir);
        Host = host;
        Port = port;
    }

    public string OutputDir { get; }

    public string StateDir { get; }

    public string TopicsDir { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The token the first address carries; null makes a new random one per start.</summary>
    public string? Token { get; init; }

    /// <summary>Whether the page is reachable only from this machine.</summary>
    public bool IsLoopback => Host == "localhost" || IPAddress.Parse(Host) is var ip && IPAddress.IsLoopback(ip);

    /// <summary>The address Kestrel binds.</summary>
    public IPAddress BindAddress => Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(Host);
}
