using System.Diagnostics;
using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.Export;

/// <summary>
/// The exported package opened by another implementation: the npm package <c>anki-reader</c>, which .ci/run installs
/// and names in <c>PO_ANKI_READER_DIR</c>. Without it the test skips (CI sets <c>PO_REQUIRE_ANKI_READER=1</c>).
/// </summary>
public sealed class AnkiIndependentReaderTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [SkippableFact]
    public async Task Export_ReadmeStyleRun_OpensWithAnIndependentAnkiReader()
    {
        var readerDir = Environment.GetEnvironmentVariable("PO_ANKI_READER_DIR");
        var required = Environment.GetEnvironmentVariable("PO_REQUIRE_ANKI_READER") == "1";
        Skip.If(!required && (readerDir is null || !Directory.Exists(Path.Combine(readerDir, "node_modules", "anki-reader"))),
            "anki-reader is not installed (set PO_ANKI_READER_DIR; .ci/run does)");
        Assert.True(readerDir is not null, "PO_REQUIRE_ANKI_READER=1 but PO_ANKI_READER_DIR is not set");

        _cli.TopicsDir = TopicFiles.Create(_cli.Root, 3, categories: 1, cardCount: 4);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--use-web-plugin", "--provider", "sim", "--sim-latency", "0", "--batch-delay", "0", "--force", "--plain"));
        var apkg = Path.Combine(_cli.Root, "deck.apkg");
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("export", "--format", "apkg", "--out", apkg, "--output-dir", _cli.OutputDir));

        var script = Path.Combine(readerDir!, "anki-reader-check.mjs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Export", "anki-reader-check.mjs"), script, overwrite: true);
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = readerDir };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(apkg);
        using var node = Process.Start(info)!;
        var stdout = await node.StandardOutput.ReadToEndAsync();
        var stderr = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, stderr);

        using var seen = JsonDocument.Parse(stdout);
        Assert.Equal(12, seen.RootElement.GetProperty("cards").GetInt32());
        var decks = seen.RootElement.GetProperty("decks").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Contains("PromptOptimizer::c0::Generated topic number 0", decks);
        Assert.All(seen.RootElement.GetProperty("fronts").EnumerateArray(), f => Assert.False(string.IsNullOrWhiteSpace(f.GetString())));
    }
}
