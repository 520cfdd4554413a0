using System.Net;

namespace PromptOptimizer.Tests.Providers;

/// <summary>Holds every request until the test releases one, and records how many were inside at once.</summary>
internal sealed class GatedHandler : HttpMessageHandler
{
    private const string Answer = """{"choices":[{"finish_reason":"stop","message":{"content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1}}""";
    private readonly SemaphoreSlim _gate = new(0);
    private readonly SemaphoreSlim _entered = new(0);
    private readonly Lock _lock = new();
    private int _inside;

    public int MaxInside { get; private set; }

    public int Entered { get; private set; }

    /// <summary>Lets one held request answer.</summary>
    public void ReleaseOne() => _gate.Release();

    /// <summary>Completes when one more request has entered than had at the previous call.</summary>
    public Task<bool> WaitForEntryAsync() => _entered.WaitAsync(TimeSpan.FromSeconds(30));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _inside++;
            Entered++;
            MaxInside = Math.Max(MaxInside, _inside);
        }

        _entered.Release();
        await _gate.WaitAsync(cancellationToken);
        lock (_lock)
        {
            _inside--;
        }

        return FakeHandler.Json(HttpStatusCode.OK, Answer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
            _entered.Dispose();
        }

        base.Dispose(disposing);
    }
}
