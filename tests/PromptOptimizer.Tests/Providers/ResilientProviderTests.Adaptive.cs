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
