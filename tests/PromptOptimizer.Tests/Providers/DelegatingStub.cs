namespace PromptOptimizer.Tests.Providers;

/// <summary>Answers every request with what an async delegate builds.</summary>
internal sealed class DelegatingStub(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => respond(request);
}
