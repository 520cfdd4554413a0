using Microsoft.Playwright;

namespace PromptOptimizer.Tests.Review;

/// <summary>
/// Debian's Chromium driven by Playwright, never a browser Playwright downloads: a fresh profile per test, headless,
/// no network of its own. Without <c>/usr/bin/chromium</c> the test skips with a message, unless
/// <c>PROMPT_OPTIMIZER_REQUIRE_CHROMIUM=1</c> (CI), where a missing browser is a failure.
/// </summary>
internal sealed class ChromiumBrowser : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string RequireVariable = "PROMPT_OPTIMIZER_REQUIRE_CHROMIUM";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private ChromiumBrowser(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>Messages the page logged as errors (a Content-Security-Policy refusal among them) and uncaught script errors.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Every dialog (alert, confirm) a page opened; a hostile card must open none.</summary>
    public List<string> Dialogs { get; } = [];

    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.False(Environment.GetEnvironmentVariable(RequireVariable) == "1", $"{RequireVariable}=1 but {ExecutablePath} is missing (apt-get install chromium)");
            Skip.If(true, $"Chromium is not installed at {ExecutablePath} (apt-get install -y chromium); the review page's browser tests skip.");
        }

        var playwright = await Playwright.CreateAsync();
        var profile = Path.Combine(Path.GetTempPath(), "po-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            return new ChromiumBrowser(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new tab that records errors and dismisses (and records) every dialog.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add(error);
            }
        };
        page.Dialog += async (_, dialog) =>
        {
            lock (Dialogs)
            {
                Dialogs.Add(dialog.Message);
            }

            await dialog.DismissAsync();
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temp folder is cleaned up by the system.
        }
    }
}
