using System.Net;
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
    public async Task ChatAsync_EverySearchSlotHeld_ChatStillGoesThrough()
    {
        // One slot per provider: a search held by its provider must not keep a chat call (another provider) waiting.
        var searchHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSearch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = new DelegatingStub(async request =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/search", StringComparison.Ordinal))
            {
                searchHeld.TrySetResult();
                await releaseSearch.Task;
                return FakeHandler.Json(HttpStatusCode.BadRequest, "{\"error\":\"no\"}");
            }

            return FakeHandler.Json(HttpStatusCode.OK, "{\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":\"hi\"}}]}");
        });
        using var provider = SimStack.WithHandler(handler, maxInFlight: 1);
        var search = Task.Run(() => provider.SearchAsync(new SearchRequest("held", 5), new RecordingObserver(), CancellationToken.None));
        await searchHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The timeout only turns a deadlock into a failure; it measures nothing.
        var chat = await provider.ChatAsync(Request(), new RecordingObserver(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(chat.Error);
        Assert.False(search.IsCompleted);
        releaseSearch.SetResult();
        await search;
    }

    [Fact]
    public void Constructor_ZeroSlots_ThrowsNamingTheParameter()
    {
        using var handler = new GatedHandler();

        var error = Assert.Throws<ArgumentException>(() => SimStack.WithHandler(handler, maxInFlight: 0));

        Assert.Equal("maxInFlight", error.ParamName);
    }
}
