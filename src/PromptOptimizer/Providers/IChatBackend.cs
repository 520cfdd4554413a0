namespace PromptOptimizer.Providers;

/// <summary>
/// Where a pipeline's chat completions go: straight to the provider (<see cref="ResilientProvider"/>), or into the
/// provider's Batch API at half price (the batching backend). The caller cannot tell them apart except by latency.
/// </summary>
internal interface IChatBackend
{
    /// <summary>One chat completion for the topic that <paramref name="observer"/> stands for; every attempt is reported to it.</summary>
    Task<ProviderAnswer<ChatCompletion>> ChatAsync(ChatRequest request, ICallObserver observer, CancellationToken cancellationToken);
}
