using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Review;

/// <summary>
/// The review page's HTTP server (Kestrel, minimal APIs): reads the completion store while runs write it (SQLite WAL
/// readers; its own writes are the occasional review decision), keeps the card index in the state directory up to
/// date in the background (requests only read it), and serves until disposed. The store stays the caller's.
/// </summary>
internal sealed class ReviewServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IndexInterval = TimeSpan.FromSeconds(2);
    private readonly WebApplication _app;
    private readonly CardIndex _index;
    private readonly CardIndexRefresher _refresher;
    private int _disposed;

    private ReviewServer(WebApplication app, CardIndex index, CardIndexRefresher refresher, Uri baseUri, string token)
    {
        _app = app;
        _index = index;
        _refresher = refresher;
        BaseUri = baseUri;
        Token = token;
    }

    /// <summary><c>http://HOST:PORT/</c>.</summary>
    public Uri BaseUri { get; }

    public string Token { get; }

    /// <summary>The address to open: it carries the token once, which the page trades for a cookie.</summary>
    public Uri LoginUri => new(BaseUri, "?" + ReviewSecurity.TokenParameter + "=" + Uri.EscapeDataString(Token));

    public static async Task<ReviewServer> StartAsync(ReviewOptions options, ICompletionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var security = new ReviewSecurity(options.Token ?? ReviewSecurity.NewSecret(), ReviewSecurity.NewSecret());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.BindAddress, options.Port);
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        var app = builder.Build();
        var index = new CardIndex(options.StateDir, options.OutputDir);
        var refresher = new CardIndexRefresher(index, store.Reviews, time, IndexInterval);
        try
        {
            app.Use(security.InvokeAsync);
            ReviewEndpoints.Map(app, security, new RunsReport(store, options.TopicsDir, time), new CardCatalog(index, store, time),
                new FailureList(store), new PromptReader(index));
            refresher.Start();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await refresher.DisposeAsync().ConfigureAwait(false);
            index.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        security.AllowHosts(options.Host, port, options.IsLoopback);
        var host = options.IsLoopback ? "127.0.0.1" : options.Host.Contains(':', StringComparison.Ordinal) ? "[" + options.Host + "]" : options.Host;
        return new ReviewServer(app, index, refresher, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/")), security.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (var deadline = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(deadline.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _refresher.DisposeAsync().ConfigureAwait(false);
        _index.Dispose();
    }
}
