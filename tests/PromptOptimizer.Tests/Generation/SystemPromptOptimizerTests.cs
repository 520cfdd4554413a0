using PromptOptimizer.Generation;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Providers;

namespace PromptOptimizer.Tests.Generation;

public sealed class SystemPromptOptimizerTests
{
    [Fact]
    public async Task OptimizeAsync_ScoreReachesMinScore_StopsEarly()
    {
        // The first critique is scripted low; the simulator scores a revision 9.
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 8, maxRounds: 5));
        stack.Simulator.AddScript(new SimScript("low-score", 1));
        var observer = new RecordingObserver();

        var result = await stack.Prompts.OptimizeAsync(GenStack.Topic(), GenStack.Sources(), observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var prompt = result.Value!.Prompt;
        Assert.Equal(1, prompt.Rounds);
        Assert.Equal([4.0, 9.0], prompt.RoundScores.Select(r => r.Score));
        Assert.Equal(9.0, prompt.Score);
        Assert.Equal(prompt.RoundScores[1].SystemPrompt, prompt.SystemPrompt);
        Assert.NotEqual(prompt.RoundScores[0].SystemPrompt, prompt.SystemPrompt);
        Assert.Equal(["draft", "critique", "revise-1", "critique-1"], observer.Attempts.Select(a => a.Stage));
        Assert.Equal(4, stack.ChatCalls);
        Assert.Equal(GenStack.Sources(), result.Value.Sources);
    }

    [Fact]
    public async Task OptimizeAsync_FirstDraftGoodEnough_NoRevision()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 7));

        var result = await stack.Prompts.OptimizeAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(0, result.Value!.Prompt.Rounds);
        Assert.True(result.Value.Prompt.Score >= 7);
        Assert.Equal(2, stack.ChatCalls);
    }

    [Fact]
    public async Task OptimizeAsync_ScoreStaysLow_StopsAtMaxRounds()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 8, maxRounds: 2));
        stack.Simulator.AddScript(new SimScript("low-score", 10));

        var result = await stack.Prompts.OptimizeAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var prompt = result.Value!.Prompt;
        Assert.Equal(2, prompt.Rounds);
        Assert.Equal([4.0, 4.0, 4.0], prompt.RoundScores.Select(r => r.Score));

        // draft + 3 critiques + 2 revisions; equal scores keep the earliest version.
        Assert.Equal(6, stack.ChatCalls);
        Assert.Equal(prompt.RoundScores[0].SystemPrompt, prompt.SystemPrompt);
        Assert.Equal(3, stack.Simulator.GetStats().ChatRequestsBySchema["prompt_critique"]);
    }

    [Fact]
    public async Task OptimizeAsync_LastRoundWorse_KeepsTheBestNotTheLast()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 10, maxRounds: 2));
        stack.Simulator.AddScript(new SimScript("low-score", 1));

        // Round 0 is scored low (script), round 1 high (a revision), round 2 low again: the script for it is added
        // only once the second revision has been asked for, so the round-1 critique stays normal.
        var observer = new RecordingObserver(attempt =>
        {
            if (attempt.Stage == "revise-2")
            {
                stack.Simulator.AddScript(new SimScript("low-score", 1));
            }
        });

        var result = await stack.Prompts.OptimizeAsync(GenStack.Topic(), GenStack.Sources(), observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var prompt = result.Value!.Prompt;
        Assert.Equal([4.0, 9.0, 4.0], prompt.RoundScores.Select(r => r.Score));
        Assert.Equal(9.0, prompt.Score);
        Assert.Equal(prompt.RoundScores[1].SystemPrompt, prompt.SystemPrompt);
        Assert.Equal(2, prompt.Rounds);
        Assert.Equal(6, stack.ChatCalls);
    }

    [Fact]
    public async Task OptimizeAsync_MaxRoundsZero_OnlyDraftAndCritique()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 10, maxRounds: 0));

        var result = await stack.Prompts.OptimizeAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(0, result.Value!.Prompt.Rounds);
        Assert.Equal(2, stack.ChatCalls);
    }

    [Fact]
    public async Task OptimizeAsync_CritiqueAlwaysBroken_FailsValidation()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(maxRepairs: 1));
        stack.Simulator.AddScript(new SimScript("schema", 2, SchemaName: "prompt_critique"));

        var result = await stack.Prompts.OptimizeAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.StartsWith("critique:", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, stack.ChatCalls);
    }

    [Fact]
    public async Task OptimizeAsync_WebPlugin_DraftResearchesAndLaterStepsAreGroundedInItsCitations()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(minScore: 8));
        var observer = new RecordingObserver();

        var result = await stack.Prompts.OptimizeAsync(GenStack.Topic(), null, observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(5, result.Value!.Sources.Count);
        Assert.Equal(1, stack.Simulator.GetStats().WebPluginRequests);
        Assert.Contains("\"plugins\"", observer.Attempts[0].RequestBody, StringComparison.Ordinal);
        Assert.All(observer.Attempts.Skip(1), a => Assert.DoesNotContain("\"plugins\"", a.RequestBody, StringComparison.Ordinal));
        Assert.Contains(result.Value.Sources[0].Url, observer.Attempts[1].RequestBody, StringComparison.Ordinal);
    }
}
