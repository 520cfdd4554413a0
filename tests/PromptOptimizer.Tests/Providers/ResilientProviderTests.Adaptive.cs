using PromptOptimizer.Costs;
using PromptOptimizer.Providers;
using PromptOptimizer.Providers.OpenRouter;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Providers;

public sealed partial class ResilientProviderTests
{
    [Fact]
    public async Task ChatAsync_UndeclaredLimitAndManyCallersAtOnce_AllSucceedWithFewRefusals()
    {
        const int Calls = 60;
        await WarmAnswerAndRefusalPathsAsync();
        await using var stack = await SimStack.StartAsync(options: new SimulatorOptions { ChatRps = 20 });
        var observer = new RecordingObserver();

        var answers = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i =>
            Task.Run(() => stack.Provider.ChatAsync(Request($"Topic {i}"), observer, CancellationToken.None))));

        Assert.All(answers, answer => Assert.Null(answer.Error));
        var stats = stack.Simulator.GetStats();
        Assert.Equal(Calls, stats.CountOf("chat", 200));
        var refused = stats.CountOf("chat", 429);
        Assert.True(refused <= 0.2 * (Calls + refused), $"{refused} of {Calls + refused} chat requests were refused");
        Assert.InRange(stack.Provider.AdaptiveChat!.LearnedPerSecond!.Value, 1, 20);
    }

    /// <summary>
    /// Compiles the client's and the simulator's answer and refusal paths before a test measures refusals. In a cold
    /// process the first answers wait for the JIT, and the limiter meanwhile paces out permits whose refusals cannot
    /// come back yet: run alone, the test above saw 40 of 100 requests refused, against 1-2 of 62 once warm. That
    /// measures the JIT, not the limiter; the shipped CLI is compiled ahead of time and has no such first second.
    /// </summary>
    private static async Task WarmAnswerAndRefusalPathsAsync()
    {
        // One request per 100 s: the first is accepted and the second, sent after it, is refused however slow the cold
        // first call was.
        await using var warm = await SimStack.StartAsync(SimStack.FastRetries(maxRetries: 0), new SimulatorOptions { ChatRps = 0.01 });
        var observer = new RecordingObserver();
        var accepted = await warm.Provider.ChatAsync(Request("Warm 0"), observer, CancellationToken.None);
        var refused = await warm.Provider.ChatAsync(Request("Warm 1"), observer, CancellationToken.None);

        Assert.Null(accepted.Error);
        Assert.Equal(ErrorKind.RateLimited, refused.Error?.Kind);
    }

    [Fact]
    public void Constructor_DeclaredChatLimit_NoAdaptiveLimiter()
    {
        using var http = new HttpClient();
        using var declared = RateLimiters.PerMinute(60);
        var endpoint = new ProviderEndpoint(new Uri("http://127.0.0.1:9/api/v1"), "key");
        using var provider = new ResilientProvider(
            new OpenRouterClient(http, endpoint, new SecretRedactor(["key"])), null, SimStack.FastRetries(), TimeProvider.System, PriceTable.Default, declared);

        Assert.Null(provider.AdaptiveChat);
    }
}
