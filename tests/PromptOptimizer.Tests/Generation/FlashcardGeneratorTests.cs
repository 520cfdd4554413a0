using PromptOptimizer.Generation;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Providers;

namespace PromptOptimizer.Tests.Generation;

public sealed class FlashcardGeneratorTests
{
    public static TheoryData<string, string> RepairableKinds => new()
    {
        { "bad-citation", "citation" },
        { "long-front", "front-length" },
        { "long-back", "back-length" },
        { "empty-field", "empty" },
        { "same-front-back", "front-equals-back" },
        { "bad-cloze", "cloze" },
        { "few-cards", "count" },
        { "duplicates", "duplicate" },
        { "bad-json", "json" },
        { "schema", "schema" },
    };

    [Fact]
    public async Task GenerateAsync_NormalAnswer_AcceptedInOneCallCitingGivenSources()
    {
        await using var stack = await GenStack.StartAsync();
        var observer = new RecordingObserver();

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var set = result.Value!;
        Assert.Equal(4, set.Cards.Count);
        Assert.Equal(0, set.Repairs);
        Assert.Equal(GenStack.Sources(), set.Sources);
        Assert.All(set.Cards, c => Assert.All(c.SourceIds, id => Assert.Contains(id, new[] { "S1", "S2", "S3" })));
        Assert.Equal(1, stack.ChatCalls);
        Assert.Empty(observer.Rejected);
        Assert.DoesNotContain("\"plugins\"", Assert.Single(observer.Attempts).RequestBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RepairableKinds))]
    public async Task GenerateAsync_BrokenOnce_RepairedOnNextCall(string kind, string rule)
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript(kind, 1));
        var observer = new RecordingObserver();

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(1, result.Value!.Repairs);
        Assert.Equal(4, result.Value.Cards.Count);
        Assert.Equal(2, stack.ChatCalls);
        var rejected = Assert.Single(observer.Rejected);
        Assert.Contains(rejected.Errors, e => e.StartsWith($"[{rule}]", StringComparison.Ordinal));

        // The repair call carries the rejected answer and the reasons back to the model.
        Assert.Contains("Your previous answer was rejected", observer.Attempts[1].RequestBody, StringComparison.Ordinal);
        Assert.Contains($"[{rule}]", observer.Attempts[1].RequestBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RepairableKinds))]
    public async Task GenerateAsync_BrokenEveryTime_FailsValidationNamingTheRule(string kind, string rule)
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(maxRepairs: 2));
        stack.Simulator.AddScript(new SimScript(kind, 3));
        var observer = new RecordingObserver();

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), observer, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.False(result.Error.IsTransient);
        Assert.Contains($"[{rule}]", result.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("generate:", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, stack.ChatCalls);
        Assert.Equal(3, observer.Rejected.Count);
        Assert.Equal(0, stack.Simulator.PendingScripts);
    }

    [Fact]
    public async Task GenerateAsync_Fenced_AcceptedWithoutRepair()
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("fenced", 1));

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(0, result.Value!.Repairs);
        Assert.Equal(1, stack.ChatCalls);
    }

    [Fact]
    public async Task GenerateAsync_TruncatedOnce_AcceptedWithDoubledMaxTokens()
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("truncated", 1));
        var observer = new RecordingObserver();

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(0, result.Value!.Repairs);
        Assert.Equal(2, stack.ChatCalls);
        Assert.Contains($"\"max_tokens\":{stack.Options.FlashcardMaxTokens}", observer.Attempts[0].RequestBody, StringComparison.Ordinal);
        Assert.Contains($"\"max_tokens\":{stack.Options.FlashcardMaxTokens * 2}", observer.Attempts[1].RequestBody, StringComparison.Ordinal);
        Assert.Contains("finish_reason length", Assert.Single(observer.Rejected).Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_TruncatedTwice_SecondCutUsesARepairAndSucceeds()
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("truncated", 2));

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(1, result.Value!.Repairs);
        Assert.Equal(3, stack.ChatCalls);
    }

    [Fact]
    public async Task GenerateAsync_TruncatedBeyondRepairs_FailsTruncated()
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("truncated", 10));

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ErrorKind.Truncated, result.Error!.Kind);
        Assert.Equal(2 + stack.Options.MaxRepairs, stack.ChatCalls);
    }

    [Theory]
    [InlineData("refusal", nameof(ErrorKind.Refusal))]
    [InlineData("content-filter", nameof(ErrorKind.ContentFilter))]
    public async Task GenerateAsync_RefusedOrFiltered_FailsAtOnce(string kind, string expected)
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript(kind, 3));

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(Enum.Parse<ErrorKind>(expected), result.Error!.Kind);
        Assert.False(result.Error.IsTransient);
        Assert.False(result.Error.StopsRun);
        Assert.Equal(1, stack.ChatCalls);
    }

    [Fact]
    public async Task GenerateAsync_TransportErrorThatStopsRun_PassedUpWithStage()
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("401", 1));

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), GenStack.Sources(), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(ErrorKind.Authentication, result.Error!.Kind);
        Assert.True(result.Error.StopsRun);
        Assert.StartsWith("generate: openrouter 401", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, stack.ChatCalls);
    }

    [Fact]
    public async Task GenerateAsync_WebPlugin_CardsCiteAnnotationUrlsResolvedToSourceIds()
    {
        await using var stack = await GenStack.StartAsync(new GenerationOptions(searchResults: 4));
        var observer = new RecordingObserver();

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), null, observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var set = result.Value!;
        Assert.Equal(4, set.Sources.Count);
        Assert.Equal(["S1", "S2", "S3", "S4"], set.Sources.Select(s => s.Id));
        Assert.All(set.Sources, s => Assert.StartsWith("http", s.Url, StringComparison.Ordinal));
        var ids = set.Sources.Select(s => s.Id).ToHashSet();
        Assert.All(set.Cards, c =>
        {
            Assert.NotEmpty(c.SourceIds);
            Assert.All(c.SourceIds, id => Assert.Contains(id, ids));
        });
        var stats = stack.Simulator.GetStats();
        Assert.Equal(1, stats.WebPluginRequests);
        Assert.Equal(0, stats.RequestsTo("search"));
        Assert.Contains("\"max_results\":4", Assert.Single(observer.Attempts).RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_WebPluginBadCitationOnce_RepairedAgainstTheFirstSearchWithoutSearchingAgain()
    {
        await using var stack = await GenStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("bad-citation", 1));
        var observer = new RecordingObserver();

        var result = await stack.Flashcards.GenerateAsync(GenStack.Topic(), null, observer, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(1, result.Value!.Repairs);
        Assert.Contains("not-retrieved.example", Assert.Single(observer.Rejected).Content, StringComparison.Ordinal);
        Assert.Equal(1, stack.Simulator.GetStats().WebPluginRequests);
        Assert.Equal(2, stack.ChatCalls);
        Assert.DoesNotContain("\"plugins\"", observer.Attempts[1].RequestBody, StringComparison.Ordinal);
        Assert.Contains("source id=", observer.Attempts[1].RequestBody, StringComparison.Ordinal);
        Assert.All(result.Value.Cards, c => Assert.All(c.SourceIds, id => Assert.Contains(result.Value.Sources, s => s.Id == id)));
    }
}
