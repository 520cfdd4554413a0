using PromptOptimizer.Providers;

namespace PromptOptimizer.Batching;

/// <summary>The batch endpoint failed in a way that leaves no safe way on (the run stops rather than pay twice).</summary>
internal sealed class BatchApiException : Exception
{
    public BatchApiException()
    {
    }

    public BatchApiException(string message)
        : base(message)
    {
    }

    public BatchApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BatchApiException(string message, ProviderError error)
        : base(message) => Error = error;

    public ProviderError? Error { get; }
}
