namespace PromptOptimizer.Providers;

/// <summary>What came back from one call: the status and body, or the transport failure that stopped it.</summary>
/// <param name="RetryAfter">The answer's <c>Retry-After</c>, when it had one.</param>
internal sealed record HttpExchange(int Status, string Text, string? Reason, TimeSpan? RetryAfter, ProviderError? Failure)
{
    public bool IsSuccess => Failure is null && Status is >= 200 and < 300;
}
