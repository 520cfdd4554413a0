using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed partial class ResilientProviderTests
{
    [Fact]
    public async Task ChatAsync_MoreCallersThanSlots_NeverMoreRequestsInFlight()
    {
        const int Calls = 5;
        using var handler = new GatedHandler();
        using var provider = SimStack.WithHandler(handler, maxInFlight: 2);
        var observer = new RecordingObserver();

        var calls = Enumerable.Range(0, Calls)
            .Select(i => Task.Run(() => provider.ChatAsync(Request($"Topic {i}"), observer, CancellationToken.None)))
            .ToArray();

        // Two requests get in; each later one only when an earlier one has answered.
        Assert.True(await handler.WaitForEntryAsync());
        Assert.True(await handler.WaitForEntryAsync());
        for (var next = 2; next < Calls; next++)
        {
            handler.ReleaseOne();
            Assert.True(await handler.WaitForEntryAsync());
        }

        handler.ReleaseOne();
        handler.ReleaseOne();
        var answers = await Task.WhenAll(calls);

        Assert.All(answers, answer => Assert.Null(answer.Error));
        Assert.Equal(Calls, handler.Entered);
        Assert.Equal(2, handler.MaxInside);
        Assert.Equal(2, provider.MaxInFlight);
    }

    [Fact]
    public void Constructor_ZeroSlots_ThrowsNamingTheParameter()
    {
        using var handler = new GatedHandler();

        var error = Assert.Throws<ArgumentException>(() => SimStack.WithHandler(handler, maxInFlight: 0));

        Assert.Equal("maxInFlight", error.ParamName);
    }
}
