using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Providers;

public sealed partial class ResilientProviderTests
{
    [Fact]
    public async Task ChatAsync_UndeclaredLimitAndManyCallersAtOnce_AllSucceedAndOnlyTheFirstWaveIsRefused()
    {
        const int Calls = 60;
        const int Limit = 20;
        await using var stack = await SimStack.StartAsync(options: new SimulatorOptions { ChatRps = Limit });
        var observer = new RecordingObserver();

        var answers = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i =>
            Task.Run(() => stack.Provider.ChatAsync(Request($"Topic {i}"), observer, CancellationToken.None))));

        Assert.All(answers, answer => Assert.Null(answer.Error));
        var stats = stack.Simulator.GetStats();
        Assert.Equal(Calls, stats.CountOf("chat", 200));

        // Until a refusal comes back the limiter cannot know the limit. That takes a few milliseconds on an idle
        // machine (few refusals), but in a cold process the first answers wait for the JIT, and on a loaded one
        // for a core, while permits keep leaving: then the whole first wave can go, and all of it over the limit is
        // refused. What must never happen is a second round: once learned, the rate only falls with
        // further refusals and rises only by slow probing, so refusals stay within one wave's excess plus a little
        // arrival jitter.
        var refused = stats.CountOf("chat", 429);
        Assert.True(refused <= Calls - Limit + 5, $"{refused} of {Calls + refused} chat requests were refused");
        Assert.InRange(stack.Provider.AdaptiveChat!.LearnedPerSecond!.Value, 1, Limit);
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
