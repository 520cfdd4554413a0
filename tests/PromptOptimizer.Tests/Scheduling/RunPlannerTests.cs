using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Topics;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class RunPlannerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Written = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TopicsDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Written.AddHours(1));
    private readonly TopicLoader _loader;
    private readonly OutputPaths _outputs;
    private SqliteCompletionStore _store = null!;

    public RunPlannerTests()
    {
        _loader = new TopicLoader(_dir.Root);
        _outputs = new OutputPaths(Path.Combine(_dir.Base, "output"));
    }

    public async Task InitializeAsync()
    {
        _store = new SqliteCompletionStore(Path.Combine(_dir.Base, "state.db"), _time);
        await _store.InitializeAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task PlanAsync_CompletedAndStampUnchanged_SkippedWithoutReadingTheFile()
    {
        WriteTopic("cat/a.json", "{\"title\":\"Alpha\"}");
        await CompleteAsync("cat/a.json");
        // Same size and write time but bytes that no longer parse: only a read could notice.
        WriteTopic("cat/a.json", "{\"title\":\"Alpha\"]");

        var plan = await PlanAsync();

        Assert.Equal(1, plan.Skipped);
        Assert.Empty(plan.ToProcess);
        Assert.Empty(plan.Invalid);
    }

    [Fact]
    public async Task PlanAsync_CompletedThenEdited_StaleAndRedone()
    {
        WriteTopic("cat/a.json", "{\"title\":\"Alpha\"}");
        await CompleteAsync("cat/a.json");
        WriteTopic("cat/a.json", "{\"title\":\"Alpha 2\"}", Written.AddMinutes(5));

        var plan = await PlanAsync();

        Assert.Equal(1, plan.Stale);
        Assert.Equal(["cat/a.json"], plan.ToProcess);
    }

    [Fact]
    public async Task PlanAsync_CompletedRowWithoutStamp_ReadOnceThenStampedForLaterPlans()
    {
        var hash = WriteTopic("cat/a.json", "{\"title\":\"Alpha\"}");
        WriteOutput("cat/a.json", hash);
        await _store.AdoptAsync(new TopicCompletion("cat/a.json", OutputKind.Flashcards, hash, "r", "w", "o", Written, 0, 0, 0, 0m), default);

        var plan = await PlanAsync();

        Assert.Equal(1, plan.Skipped);
        Assert.Equal(_loader.Stamp("cat/a.json"), (await RowAsync("cat/a.json")).TopicStamp);
    }

    [Fact]
    public async Task PlanAsync_UntrackedBrokenFileWithoutOutput_QueuedUnreadButATrackedOneIsReadAndNamed()
    {
        WriteTopic("cat/new_broken.json", "{\"title\":");
        WriteTopic("cat/was_good.json", "{\"title\":\"Good\"}");
        await CompleteAsync("cat/was_good.json");
        WriteTopic("cat/was_good.json", "[1, 2, 3]", Written.AddMinutes(5));

        var plan = await PlanAsync();

        Assert.Equal(["cat/new_broken.json", "cat/was_good.json"], plan.ToProcess);
        var broken = Assert.Single(plan.Invalid);
        Assert.Equal("cat/was_good.json", broken.Path);
        Assert.Contains("expected a JSON object", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_UntrackedValidOutputs_AdoptedWithStampsUnlessTheFileIsTooFresh()
    {
        WriteOutput("c1/a.json", WriteTopic("c1/a.json", "{\"title\":\"A\"}"));
        WriteOutput("c2/b.json", WriteTopic("c2/b.json", "{\"title\":\"B\"}"));
        WriteOutput("c2/fresh.json", WriteTopic("c2/fresh.json", "{\"title\":\"Fresh\"}", _time.GetUtcNow().AddSeconds(-1)));
        WriteTopic("c2/other_version.json", "{\"title\":\"C\"}");
        WriteOutput("c2/other_version.json", "not-this-hash");

        var plan = await PlanAsync();

        Assert.Equal(3, plan.Adopted);
        Assert.Equal(["c2/other_version.json"], plan.ToProcess);
        Assert.Equal(TopicStatus.Completed, (await RowAsync("c2/b.json")).Status);
        Assert.Equal(_loader.Stamp("c1/a.json"), (await RowAsync("c1/a.json")).TopicStamp);
        Assert.Null((await RowAsync("c2/fresh.json")).TopicStamp);
    }

    [Fact]
    public async Task PlanAsync_CompletedOutputDeletedOrEmptied_RowResetAndTopicRedone()
    {
        WriteTopic("cat/a.json", "{\"title\":\"A\"}");
        WriteTopic("cat/b.json", "{\"title\":\"B\"}");
        await CompleteAsync("cat/a.json");
        await CompleteAsync("cat/b.json");
        File.Delete(_outputs.For(OutputKind.Flashcards, "cat/a.json"));
        await File.WriteAllTextAsync(_outputs.For(OutputKind.Flashcards, "cat/b.json"), "");

        var plan = await PlanAsync();

        Assert.Equal(["cat/a.json", "cat/b.json"], plan.ToProcess);
        Assert.Equal(TopicStatus.Pending, (await RowAsync("cat/a.json")).Status);
        Assert.Equal(TopicStatus.Pending, (await RowAsync("cat/b.json")).Status);
    }

    [Fact]
    public async Task PlanAsync_Limit_QueuesTopicsInOrderAcrossCategoriesUpToTheLimit()
    {
        foreach (var category in new[] { "c1", "c2", "c3" })
        {
            for (var i = 0; i < 3; i++)
            {
                WriteTopic($"{category}/t{i}.json", $"{{\"title\":\"{category} {i}\"}}");
            }
        }

        await CompleteAsync("c1/t1.json");

        var plan = await new RunPlanner(_loader, _store, _outputs, _time).PlanAsync(OutputKind.Flashcards, ["c1", "c2"], 4, default);

        Assert.Equal(["c1/t0.json", "c1/t2.json", "c2/t0.json", "c2/t1.json"], plan.ToProcess);
        Assert.Equal(1, plan.Skipped);
    }

    [Fact]
    public async Task PlanAsync_TempFilesLeftByAKilledRun_SweptFromThePlannedCategories()
    {
        WriteTopic("cat/a.json", "{\"title\":\"A\"}");
        var folder = Path.GetDirectoryName(_outputs.For(OutputKind.Flashcards, "cat/a.json"))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, AtomicFile.TempPrefix + "0123456789ab-a.json");
        await File.WriteAllTextAsync(temp, "{\"half");

        var plan = await PlanAsync();

        Assert.Equal(["cat/a.json"], plan.ToProcess);
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public async Task CleanAsync_SelectedCategory_DeletesItsOutputsAndResetsItsRowsOnly()
    {
        WriteTopic("c1/a.json", "{\"title\":\"A\"}");
        WriteTopic("c2/b.json", "{\"title\":\"B\"}");
        await CompleteAsync("c1/a.json");
        await CompleteAsync("c2/b.json");
        var planner = new RunPlanner(_loader, _store, _outputs, _time);

        var (deleted, reset) = await planner.CleanAsync(OutputKind.Flashcards, ["c1"], default);

        Assert.Equal((1, 1), (deleted, reset));
        Assert.False(File.Exists(_outputs.For(OutputKind.Flashcards, "c1/a.json")));
        Assert.True(File.Exists(_outputs.For(OutputKind.Flashcards, "c2/b.json")));
        var plan = await planner.PlanAsync(OutputKind.Flashcards, null, null, default);
        Assert.Equal(["c1/a.json"], plan.ToProcess);
    }
    private Task<RunPlan> PlanAsync() => new RunPlanner(_loader, _store, _outputs, _time).PlanAsync(OutputKind.Flashcards, null, null, default);

    private async Task<TopicRecord> RowAsync(string path) => (await _store.GetAsync(OutputKind.Flashcards, [path], default))[path];

    /// <summary>Writes a topic file with a fixed write time; returns its content hash.</summary>
    private string WriteTopic(string path, string json, DateTimeOffset? written = null)
    {
        var full = _dir.Write(path, json);
        File.SetLastWriteTimeUtc(full, (written ?? Written).UtcDateTime);
        return TopicLoader.Parse(path, File.ReadAllBytes(full)).Topic?.ContentHash ?? "";
    }

    private void WriteOutput(string path, string hash)
    {
        var card = new Flashcard("c1", "basic", "Front", "Back", null, [], "easy", ["S1"]);
        var document = new FlashcardDocument(new TopicReference(path, "T", hash), "flashcards", "exa", "m", Written, [], [card], UsageSummary.Zero, 1);
        var file = _outputs.For(OutputKind.Flashcards, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.FlashcardDocument));
    }

    /// <summary>What a run leaves for a topic it completed: the output and a completed row stamped from the file it read.</summary>
    private async Task CompleteAsync(string path)
    {
        var topic = _loader.Load(path).Topic!;
        WriteOutput(path, topic.ContentHash);
        await _store.ClaimAsync(new TopicClaim(path, OutputKind.Flashcards, topic.ContentHash, "r", "w", Written), default);
        var done = new TopicCompletion(path, OutputKind.Flashcards, topic.ContentHash, "r", "w", "o", Written, 0, 0, 0, 0m) { TopicStamp = topic.Stamp?.SettledBy(_time.GetUtcNow()) };
        Assert.True(await _store.CompleteAsync(done, default));
    }
}
