using System.Text.Json;
using PromptOptimizer.Cli;
using PromptOptimizer.LocalSources;
using PromptOptimizer.Output;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Cli;

namespace PromptOptimizer.Tests.LocalSources;

/// <summary>Each mode end to end from the CLI with <c>--local-sources</c> against the simulator: sources from the library, no search call.</summary>
public sealed class LocalSourcesRunTests : IAsyncLifetime
{
    private static readonly (string Name, string Title, string Query)[] Topics =
    [
        ("sql_injection", "SQL injection", "sql injection parameterized queries prepared statements"),
        ("tls_handshake", "TLS handshake", "TLS 1.3 handshake key share certificate"),
        ("jwt_security", "JWT security", "JWT signature verification alg none claims"),
    ];

    private readonly CliHarness _cli = new();
    private ProviderSimulator _sim = null!;
    private string _library = null!;

    public async Task InitializeAsync()
    {
        _sim = await ProviderSimulator.StartAsync(new SimulatorOptions(), CancellationToken.None);
        _cli.WithEnvironment("OPENROUTER_API_KEY", "local-test-openrouter-key")
            .WithEnvironment("EXA_API_KEY", "local-test-exa-key")
            .WithEnvironment("OPENROUTER_BASE_URL", _sim.OpenRouterBaseUri.AbsoluteUri)
            .WithEnvironment("EXA_BASE_URL", _sim.ExaBaseUri.AbsoluteUri);
        _library = SampleLibrary.CopyTo(_cli.Root);
        _cli.TopicsDir = Path.Combine(_cli.Root, "topics");
        foreach (var (name, title, query) in Topics)
        {
            WriteTopic(name, title, query);
        }
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task Run_Flashcards_CardsCiteOnlyThePassagesRetrievedForTheirTopic_AndNoSearchIsMade()
    {
        var exit = await RunAsync("--flashcards");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Equal(0, _sim.GetStats().RequestsTo("search"));
        var (library, _) = await LocalLibrary.OpenAsync(_library, _cli.StateDir, new LocalSourceOptions(results: 3), CancellationToken.None);
        foreach (var (name, title, query) in Topics)
        {
            var document = Read<FlashcardDocument>("flashcards", name, OutputJsonContext.Default.FlashcardDocument);
            var retrieved = library.Find(LocalLibraryTests.Topic(title, query)).Select(h => (h.Passage.Citation, h.Passage.Hash)).ToList();
            Assert.Equal("local", document.Research);
            Assert.Equal(retrieved, document.Sources.Select(s => (s.Url, s.ContentHash!)));
            Assert.All(document.Sources, s => Assert.True(File.Exists(Path.Combine(_library, s.Url.Split('#')[0])), s.Url));
            Assert.All(document.Cards, c => Assert.All(c.SourceIds, id => Assert.Contains(document.Sources, s => s.Id == id)));
            Assert.NotEmpty(document.Cards);
        }

        Assert.Contains("security-handbook.pdf#page=1", Read<FlashcardDocument>("flashcards", "jwt_security", OutputJsonContext.Default.FlashcardDocument).Sources.Select(s => s.Url));
    }

    [Fact]
    public async Task Run_Prompts_GroundedOnLocalSourcesWithoutSearch()
    {
        var exit = await RunAsync("--prompts");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Equal(0, _sim.GetStats().RequestsTo("search"));
        var document = Read<PromptDocument>("prompts", "tls_handshake", OutputJsonContext.Default.PromptDocument);
        Assert.Equal("local", document.Research);
        Assert.Equal("crypto-notes.md#tls-handshake", document.Sources[0].Url);
    }

    [Fact]
    public async Task Run_Unified_GroundedOnLocalSourcesWithoutSearch()
    {
        var exit = await RunAsync("--unified");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Equal(0, _sim.GetStats().RequestsTo("search"));
        var document = Read<UnifiedDocument>("unified", "sql_injection", OutputJsonContext.Default.UnifiedDocument);
        Assert.Equal("local", document.Research);
        Assert.StartsWith("web-security-week1.md#", document.Sources[0].Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CitedFileChanged_OnlyThatTopicIsRedone()
    {
        Assert.Equal(ExitCodes.Success, await RunAsync("--flashcards"));
        var before = Topics.ToDictionary(t => t.Name, t => File.ReadAllText(_cli.OutputFiles("flashcards").Single(f => f.EndsWith(t.Name + ".json", StringComparison.Ordinal))));
        var notes = Path.Combine(_library, "crypto-notes.md");
        File.WriteAllText(notes, File.ReadAllText(notes).Replace("usually X25519", "usually X25519 or P-256", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(notes, DateTime.UtcNow.AddMinutes(1));

        var exit = await RunAsync("--flashcards");

        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        Assert.Contains("Changed since completed (stale, redone): 1", _cli.Output, StringComparison.Ordinal);
        foreach (var (name, _, _) in Topics)
        {
            var now = File.ReadAllText(_cli.OutputFiles("flashcards").Single(f => f.EndsWith(name + ".json", StringComparison.Ordinal)));
            Assert.True((now == before[name]) == (name != "tls_handshake"), name);
        }

        Assert.Contains("P-256", Read<FlashcardDocument>("flashcards", "tls_handshake", OutputJsonContext.Default.FlashcardDocument).Sources[0].Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletionStatus_WithLocalSources_TopicsDoneUntilACitedFileChanges()
    {
        Assert.Equal(ExitCodes.Success, await RunAsync("--flashcards"));
        var unchanged = await StaleAsync();
        var notes = Path.Combine(_library, "crypto-notes.md");
        File.WriteAllText(notes, File.ReadAllText(notes).Replace("usually X25519", "usually X25519 or P-256", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(notes, DateTime.UtcNow.AddMinutes(1));

        var changed = await StaleAsync();

        Assert.Empty(unchanged);
        Assert.Equal(["c/tls_handshake.json"], changed);
    }

    [Fact]
    public async Task Run_SwitchingBetweenExaAndLocalSources_RedoesTopicsNeverMixes()
    {
        Assert.Equal(ExitCodes.Success, await RunAsync("--flashcards"));
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("--flashcards", "--exa-qps", "100", "--batch-delay", "0", "--force", "--plain"));
        Assert.All(Topics, t => Assert.Equal("exa", Read<FlashcardDocument>("flashcards", t.Name, OutputJsonContext.Default.FlashcardDocument).Research));

        Assert.Equal(ExitCodes.Success, await RunAsync("--flashcards"));

        Assert.All(Topics, t => Assert.Equal("local", Read<FlashcardDocument>("flashcards", t.Name, OutputJsonContext.Default.FlashcardDocument).Research));
        Assert.Equal(Topics.Length, _sim.GetStats().RequestsTo("search"));
        Assert.True(File.Exists(Path.Combine(_cli.StateDir, "batch_checkpoint_local.json")));
        Assert.True(File.Exists(Path.Combine(_cli.StateDir, "batch_checkpoint.json")));
    }

    [Fact]
    public async Task Run_TopicTheLibraryKnowsNothingAbout_FailsWithNoSources()
    {
        WriteTopic("sourdough", "Sourdough baking", "sourdough starter hydration crumb");

        var exit = await RunAsync("--flashcards");

        Assert.Equal(ExitCodes.TopicsFailed, exit);
        Assert.Contains("no sources", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(Topics.Length, _cli.OutputFiles("flashcards").Count);
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("completion-failed", "--state-dir", _cli.StateDir));
        Assert.Contains("NoSources", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexCommand_ReportsTheLibraryAndInspectAndExportShowTheCitation()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("index", "--local-sources", _library, "--state-dir", _cli.StateDir));
        Assert.Contains("5 files", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await RunAsync("--flashcards"));

        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("inspect", "--topic", "c/tls_handshake.json", "--topics-dir", _cli.TopicsDir, "--state-dir", _cli.StateDir, "--output-dir", _cli.OutputDir));
        Assert.Contains("source S1: crypto-notes.md#tls-handshake crypto-notes.md › TLS handshake", _cli.Output, StringComparison.Ordinal);
        var tsv = Path.Combine(_cli.Root, "cards.txt");
        Assert.Equal(ExitCodes.Success, await _cli.RunRawAsync("export", "--format", "anki-tsv", "--out", tsv, "--output-dir", _cli.OutputDir));
        var exported = await File.ReadAllTextAsync(tsv);
        Assert.Contains("crypto-notes.md › TLS handshake", exported, StringComparison.Ordinal);
        Assert.Contains("security-handbook.pdf, page 1", exported, StringComparison.Ordinal);
    }

    private async Task<List<string>> StaleAsync()
    {
        var exit = await _cli.RunRawAsync("completion-status", "--state-dir", _cli.StateDir, "--topics-dir", _cli.TopicsDir, "--local-sources", _library, "--search-results", "3", "--json");
        Assert.True(exit == ExitCodes.Success, _cli.Output + _cli.Error);
        return JsonDocument.Parse(_cli.Output).RootElement.GetProperty("stale").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToList();
    }

    private Task<int> RunAsync(string mode) =>
        _cli.RunAsync(mode, "--local-sources", _library, "--search-results", "3", "--batch-delay", "0", "--force", "--plain");

    private void WriteTopic(string name, string title, string query)
    {
        Directory.CreateDirectory(Path.Combine(_cli.TopicsDir, "c"));
        File.WriteAllText(Path.Combine(_cli.TopicsDir, "c", name + ".json"),
            $$"""{"title":"{{title}}","keywords":["{{title.ToLowerInvariant()}}"],"card_count":4,"search_query":"{{query}}"}""");
    }

    private T Read<T>(string product, string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(File.ReadAllText(_cli.OutputFiles(product).Single(f => f.EndsWith("/" + name + ".json", StringComparison.Ordinal))), type)!;
}
