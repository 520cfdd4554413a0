using System.Net;
using PromptOptimizer.Generation;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;
using ChatRequest = PromptOptimizer.Providers.ChatRequest;

namespace PromptOptimizer.Tests.Providers;

public sealed partial class ResilientProviderTests
{
    private const string Title = "Resilient topic";

    internal static ChatRequest Request(string title = Title) => new(
        "openai/gpt-4o-mini",
        [ChatMessage.User($"<topic>\n{{\"title\":\"{title}\"}}\n</topic>\nWrite exactly 3 flashcards about the topic above.")],
        AnswerSchemas.Flashcards,
        AnswerSchemas.FlashcardsSchema,
        2000,
        "generate");

    [Fact]
    public async Task ChatAsync_Transient500Once_RetriedToSuccess()
    {
        await using var stack = await SimStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("500", 1));
        var observer = new RecordingObserver();

        var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.NotNull(answer.Value!.Content);
        Assert.Equal([500, 200], observer.Attempts.Select(a => a.StatusCode));
        Assert.Equal([ErrorKind.Transient, ErrorKind.None], observer.Attempts.Select(a => a.Kind));
        Assert.True(observer.Attempts[1].Cost > 0);
        Assert.False(observer.Attempts[1].CostEstimated);
        Assert.NotNull(observer.Attempts[0].RawBody);
        Assert.Null(observer.Attempts[1].RawBody);
        var stats = stack.Simulator.GetStats();
        Assert.Equal(1, stats.CountOf("chat", 500));
        Assert.Equal(1, stats.CountOf("chat", 200));
    }

    [Fact]
    public async Task ChatAsync_PersistentTransient_GivesUpAfterMaxRetries()
    {
        await using var stack = await SimStack.StartAsync(SimStack.FastRetries(maxRetries: 2));
        stack.Simulator.AddScript(new SimScript("502", 5));
        var observer = new RecordingObserver();

        var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Equal(ErrorKind.Transient, answer.Error!.Kind);
        Assert.Equal(502, answer.Error.StatusCode);
        Assert.Equal(3, observer.Attempts.Count);
        Assert.Equal(3, stack.Simulator.GetStats().RequestsTo("chat"));
    }

    [Theory]
    [InlineData("401", nameof(ErrorKind.Authentication), true)]
    [InlineData("402", nameof(ErrorKind.Payment), true)]
    [InlineData("403", nameof(ErrorKind.Forbidden), false)]
    public async Task ChatAsync_PermanentStatus_NotRetried(string kind, string expected, bool stopsRun)
    {
        await using var stack = await SimStack.StartAsync();
        stack.Simulator.AddScript(new SimScript(kind, 3));
        var observer = new RecordingObserver();

        var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Equal(Enum.Parse<ErrorKind>(expected), answer.Error!.Kind);
        Assert.Equal(stopsRun, answer.Error.StopsRun);
        Assert.False(answer.Error.IsTransient);
        Assert.Single(observer.Attempts);
        Assert.Equal(1, stack.Simulator.GetStats().RequestsTo("chat"));
    }

    [Fact]
    public async Task ChatAsync_NoKey_AuthenticationStopsRun()
    {
        await using var stack = await SimStack.StartAsync(chatKey: null);
        var observer = new RecordingObserver();

        var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Equal(ErrorKind.Authentication, answer.Error!.Kind);
        Assert.True(answer.Error.StopsRun);
        Assert.Single(observer.Attempts);
    }

    [Fact]
    public async Task ChatAsync_Hangs_TimeoutAfterRetries()
    {
        await using var stack = await SimStack.StartAsync(SimStack.FastRetries(maxRetries: 1, requestTimeout: TimeSpan.FromMilliseconds(250)));
        stack.Simulator.AddScript(new SimScript("timeout", 2));
        var observer = new RecordingObserver();

        var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, answer.Error!.Kind);
        Assert.True(answer.Error.IsTransient);
        Assert.Equal(2, observer.Attempts.Count);
        Assert.All(observer.Attempts, a =>
        {
            Assert.Equal(ErrorKind.Timeout, a.Kind);
            Assert.Null(a.StatusCode);
            Assert.True(a.Latency >= TimeSpan.FromMilliseconds(200), $"latency {a.Latency}");
        });
    }

    [Fact]
    public async Task ChatAsync_ConnectionReset_RetriedToSuccess()
    {
        await using var stack = await SimStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("reset", 1));
        var observer = new RecordingObserver();

        var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(2, observer.Attempts.Count);
        Assert.Equal(ErrorKind.Transient, observer.Attempts[0].Kind);
        Assert.Null(observer.Attempts[0].StatusCode);
        Assert.StartsWith("connection failed", observer.Attempts[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatAsync_ErrorInside200_RetriedToSuccess()
    {
        await using var stack = await SimStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("error200", 1));
        var observer = new RecordingObserver();

        var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal([200, 200], observer.Attempts.Select(a => a.StatusCode));
        Assert.Equal(ErrorKind.Transient, observer.Attempts[0].Kind);
        Assert.Contains("provider_unavailable", observer.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Equal(2, stack.Simulator.GetStats().CountOf("chat", 200));
    }

    [Fact]
    public async Task ChatAsync_429WithRetryAfter_PausesWholeProviderUntilThen()
    {
        await using var stack = await SimStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("429", 1));
        DateTimeOffset? pausedUntil = null;
        Task<ProviderAnswer<ChatCompletion>>? second = null;
        var secondObserver = new RecordingObserver();
        var observer = new RecordingObserver(attempt =>
        {
            if (attempt.StatusCode == 429 && second is null)
            {
                // Seen from inside the failed attempt: the gate is closed, and a call started now must wait too.
                pausedUntil = stack.Provider.ChatGate.PausedUntil;
                second = Task.Run(() => stack.Provider.ChatAsync(Request("Second topic"), secondObserver, CancellationToken.None));
            }
        });

        var first = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);
        var other = await second!;

        Assert.Null(first.Error);
        Assert.Null(other.Error);
        Assert.NotNull(pausedUntil);
        Assert.Equal([429, 200], observer.Attempts.Select(a => a.StatusCode));
        Assert.Equal(ErrorKind.RateLimited, observer.Attempts[0].Kind);
        var retried = observer.AttemptTimes[1];
        var secondDone = Assert.Single(secondObserver.AttemptTimes);
        Assert.True(retried >= pausedUntil, $"retry at {retried:O} before the pause ended at {pausedUntil:O}");
        Assert.True(secondDone >= pausedUntil, $"second call at {secondDone:O} before the pause ended at {pausedUntil:O}");
        Assert.Null(stack.Provider.ChatGate.PausedUntil);
        Assert.Null(stack.Provider.ExaGate.PausedUntil);
    }

    [Fact]
    public async Task ChatAsync_429WithoutRetries_ErrorCarriesRetryAfterAndGateIsSet()
    {
        await using var stack = await SimStack.StartAsync(SimStack.FastRetries(maxRetries: 0));
        stack.Simulator.AddScript(new SimScript("429", 1));
        var before = TimeProvider.System.GetUtcNow();

        var answer = await stack.Provider.ChatAsync(Request(), new RecordingObserver(), CancellationToken.None);
        var after = TimeProvider.System.GetUtcNow();

        Assert.Equal(ErrorKind.RateLimited, answer.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), answer.Error.RetryAfter);
        var until = stack.Provider.ChatGate.PausedUntil;
        Assert.NotNull(until);
        Assert.InRange(until.Value, before + TimeSpan.FromSeconds(1), after + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SearchAsync_503Once_RetriedAndCostFromAnswer()
    {
        await using var stack = await SimStack.StartAsync();
        stack.Simulator.AddScript(new SimScript("500", 1, Endpoint: "search"));
        var observer = new RecordingObserver();

        var answer = await stack.Provider.SearchAsync(new SearchRequest("sql injection", 5), observer, CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(5, answer.Value!.Results.Count);
        Assert.Equal([500, 200], observer.Attempts.Select(a => a.StatusCode));
        Assert.All(observer.Attempts, a => Assert.Equal("exa", a.Provider));
        Assert.Equal(answer.Value.Cost, observer.Attempts[1].Cost);
        Assert.False(observer.Attempts[1].CostEstimated);
    }

    [Fact]
    public async Task ChatAsync_Chat404_NotRetriedAndStopsRun()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.NotFound,
            """{"error":{"code":404,"message":"No endpoints found that can handle the requested parameters."}}"""));
        var provider = SimStack.WithHandler(handler);
        var observer = new RecordingObserver();

        var answer = await provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Equal(ErrorKind.NotFound, answer.Error!.Kind);
        Assert.True(answer.Error.StopsRun);
        Assert.Equal(1, handler.Calls);
        Assert.Contains("No endpoints found", answer.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatAsync_402InFlightBudget_RetriedAfterItsWait()
    {
        var handler = new FakeHandler((_, call) =>
        {
            if (call > 1)
            {
                return FakeHandler.Json(HttpStatusCode.OK, """{"choices":[{"finish_reason":"stop","message":{"content":"ok"}}],"usage":{"prompt_tokens":5,"completion_tokens":1}}""");
            }

            var busy = FakeHandler.Json(HttpStatusCode.PaymentRequired,
                """{"error":{"code":402,"message":"in-flight budget","metadata":{"reason":"x","limit_source":"openrouter_in_flight_budget"}}}""");
            busy.Headers.TryAddWithoutValidation("Retry-After", "0.05");
            return busy;
        });
        var provider = SimStack.WithHandler(handler);
        var observer = new RecordingObserver();

        var answer = await provider.ChatAsync(Request(), observer, CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(2, handler.Calls);
        Assert.Equal(ErrorKind.RateLimited, observer.Attempts[0].Kind);

        // No usage.cost: the cost is estimated from the price table, and flagged as such.
        Assert.True(observer.Attempts[1].CostEstimated);
        Assert.True(observer.Attempts[1].Cost > 0);
    }
}
