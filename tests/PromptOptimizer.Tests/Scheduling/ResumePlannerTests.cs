using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class ResumePlannerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    [Theory]
    [InlineData(false, false, false, null, nameof(ResumeAction.Start))]
    [InlineData(true, false, false, null, nameof(ResumeAction.NothingToResume))]
    [InlineData(false, false, false, "finished", nameof(ResumeAction.Start))]
    [InlineData(false, false, false, "unfinished", nameof(ResumeAction.Unfinished))]
    [InlineData(false, true, false, "unfinished", nameof(ResumeAction.Start))]
    [InlineData(false, false, true, "unfinished", nameof(ResumeAction.Start))]
    [InlineData(true, false, false, "unfinished", nameof(ResumeAction.Resume))]
    [InlineData(true, true, false, "finished", nameof(ResumeAction.Resume))]
    [InlineData(false, false, false, "corrupt", nameof(ResumeAction.Damaged))]
    [InlineData(false, true, false, "corrupt", nameof(ResumeAction.Start))]
    [InlineData(true, false, false, "corrupt", nameof(ResumeAction.ContinueFromStore))]
    public async Task DecideAsync_FlagsAndCheckpoint_ChooseTheAction(bool resume, bool force, bool dryRun, string? checkpoint, string action)
    {
        var expected = Enum.Parse<ResumeAction>(action);
        var settings = new RunSettings { Variant = RunVariant.Prompts, StateDir = _state.Path, Resume = resume, Force = force, DryRun = dryRun };
        var path = CheckpointFile.PathFor(_state.Path, RunVariant.Prompts);
        if (checkpoint == "corrupt")
        {
            await File.WriteAllTextAsync(path, "{ not json");
        }
        else if (checkpoint is not null)
        {
            await CheckpointFile.WriteAsync(path, Checkpoint(finished: checkpoint == "finished"), default);
        }

        var decision = await ResumePlanner.DecideAsync(settings, default);

        Assert.Equal(expected, decision.Action);
        Assert.Equal(path, decision.Path);
        Assert.True(expected is not (ResumeAction.Resume or ResumeAction.Unfinished) || decision.Checkpoint is not null);
        Assert.Equal(expected is ResumeAction.Damaged or ResumeAction.ContinueFromStore, decision.Error is not null);
    }

    [Fact]
    public async Task DecideAsync_AnotherModesCheckpoint_IsIgnored()
    {
        await CheckpointFile.WriteAsync(CheckpointFile.PathFor(_state.Path, RunVariant.FlashcardsWeb), Checkpoint(finished: false), default);

        var decision = await ResumePlanner.DecideAsync(new RunSettings { Variant = RunVariant.Prompts, StateDir = _state.Path }, default);

        Assert.Equal(ResumeAction.Start, decision.Action);
    }

    [Fact]
    public void Merge_FlagsTypedNow_OverrideOnlyHowFastAndHowFar()
    {
        var saved = new RunSettings { Variant = RunVariant.Unified, Model = "saved/model", Concurrent = 10, Limit = 50, MaxCost = 5m, StateDir = "old", Categories = ["a"] };
        var current = new RunSettings { Variant = RunVariant.Unified, Model = "typed/model", Concurrent = 99, Limit = 7, MaxCost = 1m, StateDir = "new", Categories = ["b"], Plain = true };
        string[] typed = ["--model", "--concurrent", "--category"];

        var merged = ResumePlanner.Merge(saved, current, typed.Contains);

        Assert.True(merged.Resume);
        Assert.Equal(99, merged.Concurrent);
        Assert.Equal("saved/model", merged.Model); // what the run makes comes from the checkpoint
        Assert.Equal(new[] { "a" }, merged.Categories);
        Assert.Equal(50, merged.Limit); // not typed now
        Assert.Equal(5m, merged.MaxCost);
        Assert.Equal("new", merged.StateDir);
        Assert.True(merged.Plain);
    }

    [Fact]
    public void Merge_NothingTyped_KeepsTheSavedSettings()
    {
        var saved = new RunSettings { Variant = RunVariant.FlashcardsExa, BatchSize = 3, BatchDelaySeconds = 0.5, StrictBatches = true, Rpm = 60, GraceSeconds = 1, StateDir = "s" };

        var merged = ResumePlanner.Merge(saved, new RunSettings { StateDir = "s" }, _ => false);

        Assert.Equal(saved with { Resume = true }, merged);
    }

    private static Checkpoint Checkpoint(bool finished) =>
        new("run-1", RunVariant.Prompts, ["--prompts", "--concurrent", "5"], Start, Start, Total: 4, Completed: finished ? 4 : 1, Failed: 0, Skipped: 0,
            Remaining: finished ? 0 : 3, CurrentBatch: 1, TotalBatches: 1, Finished: finished, CostUsd: 0.01m);
}
