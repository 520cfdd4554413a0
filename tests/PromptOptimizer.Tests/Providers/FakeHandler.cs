using System.Net;
using System.Text;

namespace PromptOptimizer.Tests.Providers;

/// <summary>Answers every request with what <c>respond</c> builds; counts the requests.</summary>
internal sealed class FakeHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The key the client sent, whichever header carried it.</summary>
    public static string KeyOf(HttpRequestMessage request) =>
        request.Headers.Authorization?.Parameter
        ?? (request.Headers.TryGetValues("x-api-key", out var values) ? values.First() : "");

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        return Task.FromResult(respond(request, call));
    }
}
