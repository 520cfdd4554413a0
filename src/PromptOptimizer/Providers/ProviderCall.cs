using System.Threading.RateLimiting;

namespace PromptOptimizer.Providers;

/// <summary>
/// One provider call as the resilience layer sees it: where it goes, what it sends, which gate and limiter pace it,
/// and how its answer is priced. Built once per call; every attempt and retry reuses it.
/// </summary>
/// <param name="Provider">The provider's name for errors and the call log.</param>
/// <param name="Stage">The pipeline stage the call serves (research, generation, repair ...).</param>
/// <param name="Body">The serialized request, logged with a failed attempt.</param>
/// <param name="Gate">The provider-wide gate that holds calls during an outage or a Retry-After pause.</param>
/// <param name="Limiter">The provider's rate limiter, or null when calls are unpaced.</param>
/// <param name="Send">Sends one attempt.</param>
/// <param name="Usage">Tokens and cost of a successful answer, and whether the cost is estimated.</param>
internal sealed record ProviderCall<T>(
    string Provider,
    string Stage,
    string Body,
    ProviderGate Gate,
    RateLimiter? Limiter,
    Func<CancellationToken, Task<ProviderAnswer<T>>> Send,
    Func<T, (long Prompt, long Completion, decimal Cost, bool Estimated)> Usage)
    where T : class;
