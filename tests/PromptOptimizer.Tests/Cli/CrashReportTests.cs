using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Cli;

namespace PromptOptimizer.Tests.Cli;

/// <summary>What an unexpected exception at the top of the program leaves behind: one line, a redacted log, exit 70.</summary>
public sealed class CrashReportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("crash-report-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task WriteAsync_Exception_OneLineRedactedLogAndExitSeventy()
    {
        const string Key = "sk-or-canary-0123456789";
        const string Store = "postgresql://po:secret-password@db.example/po";
        var state = Path.Combine(_root, "state");
        var error = new StringWriter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));

        var exit = await CrashReport.WriteAsync(new InvalidOperationException($"boom with {Key}\nand a second line"), ["work", "--store", Store, "--state-dir", state],
            name => name == "OPENROUTER_API_KEY" ? Key : null, error, time);

        Assert.Equal(ExitCodes.Crashed, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Error: unexpected failure (InvalidOperationException): boom with [REDACTED] and a second line", line, StringComparison.Ordinal);
        var log = Assert.Single(Directory.GetFiles(state, "crash-*.log"));
        Assert.Contains(log, line, StringComparison.Ordinal);
        var details = File.ReadAllText(log);
        Assert.Contains("InvalidOperationException", details, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, details, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", details, StringComparison.Ordinal);
    }
}
