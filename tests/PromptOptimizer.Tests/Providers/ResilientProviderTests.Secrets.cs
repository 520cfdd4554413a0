using System.Net;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Providers;

public sealed partial class ResilientProviderTests
{
    [Fact]
    public async Task ChatAndSearch_EveryFaultKind_KeyNeverInAnyErrorText()
    {
        await using var stack = await SimStack.StartAsync(SimStack.FastRetries(maxRetries: 0, requestTimeout: TimeSpan.FromMilliseconds(200)));
        var observer = new RecordingObserver();
        var errors = new List<ProviderError>();
        // 429 and 503 come last: their Retry-After closes the provider gate for a second.
        string[] chatKinds = ["401", "402", "403", "500", "502", "timeout", "reset", "bad-json", "error200", "429", "503"];
        foreach (var kind in chatKinds)
        {
            stack.Simulator.AddScript(new SimScript(kind, 1, Endpoint: "chat"));
            var answer = await stack.Provider.ChatAsync(Request(), observer, CancellationToken.None);
            if (answer.Error is { } error)
            {
                errors.Add(error);
            }
        }

        foreach (var kind in new[] { "401", "402", "403", "500", "timeout", "reset", "429", "503" })
        {
            stack.Simulator.AddScript(new SimScript(kind, 1, Endpoint: "search"));
            var answer = await stack.Provider.SearchAsync(new SearchRequest("query", 3), observer, CancellationToken.None);
            errors.Add(Assert.IsType<ProviderError>(answer.Error));
        }

        // bad-json is a 200 answer the provider accepts; every other kind is an error.
        Assert.Equal(chatKinds.Length - 1 + 8, errors.Count);
        AssertNoKey(observer.Attempts, errors);
    }

    [Fact]
    public async Task ChatAndSearch_ServerEchoesKey_KeyRedactedFromAttemptsAndErrors()
    {
        // A misbehaving proxy that puts the key it received into every body, error or not.
        var handler = new FakeHandler((request, call) =>
        {
            var key = FakeHandler.KeyOf(request);
            return (call % 3) switch
            {
                1 => FakeHandler.Json(HttpStatusCode.InternalServerError, $$$"""{"error":{"code":500,"message":"bad key {{{key}}}"},"requestId":"{{{key}}}","tag":"{{{key}}}"}"""),
                2 => FakeHandler.Json(HttpStatusCode.OK, $$$"""{"choices":[{"finish_reason":"error","error":{"code":502,"message":"echo {{{key}}}"}}],"results":null}"""),
                _ => FakeHandler.Json(HttpStatusCode.Unauthorized, $"plain text error for {key}"),
            };
        });
        var provider = SimStack.WithHandler(handler, SimStack.FastRetries(maxRetries: 2));
        var observer = new RecordingObserver();

        var chat = await provider.ChatAsync(Request(), observer, CancellationToken.None);
        var search = await provider.SearchAsync(new SearchRequest("q", 3), observer, CancellationToken.None);

        Assert.Equal(6, handler.Calls);
        Assert.Equal(6, observer.Attempts.Count);
        Assert.All(observer.Attempts, a => Assert.NotNull(a.RawBody));
        AssertNoKey(observer.Attempts, [chat.Error!, search.Error!]);
        Assert.Contains("[REDACTED]", string.Join('\n', observer.Attempts.Select(a => a.RawBody)), StringComparison.Ordinal);
        Assert.DoesNotContain(SimStack.ChatKey, chat.RawBody ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(SimStack.ExaKey, search.RawBody ?? "", StringComparison.Ordinal);
    }

    private static void AssertNoKey(IEnumerable<CallAttempt> attempts, IEnumerable<ProviderError> errors)
    {
        var texts = new List<string?>();
        foreach (var attempt in attempts)
        {
            texts.AddRange([attempt.Error, attempt.RawBody, attempt.RequestBody, attempt.ToString()]);
        }

        foreach (var error in errors)
        {
            texts.AddRange([error.Message, error.RawBody, error.ToString()]);
        }

        Assert.NotEmpty(texts);
        foreach (var text in texts.OfType<string>())
        {
            Assert.DoesNotContain(SimStack.ChatKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SimStack.ExaKey, text, StringComparison.Ordinal);
        }
    }
}
